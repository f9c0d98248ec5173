// The subcommands of `cepheus`. Each takes the words after its name and returns
// the process exit code: 0 success, 1 the input had errors, 2 a usage error.
#pragma once

#include <string>
#include <vector>

namespace cepheus::cli {

int run_decode(const std::vector<std::string>& words);
int run_check(const std::vector<std::string>& words);
int run_fmt(const std::vector<std::string>& words);
int run_compile(const std::vector<std::string>& words);
int run_explain(const std::vector<std::string>& words);
int run_run(const std::vector<std::string>& words);
int run_simulate(const std::vector<std::string>& words);
int run_test(const std::vector<std::string>& words);
int run_deploy(const std::vector<std::string>& words);
int run_rollback(const std::vector<std::string>& words);
int run_status(const std::vector<std::string>& words);
int run_alerts(const std::vector<std::string>& words);
int run_tail(const std::vector<std::string>& words);

// Prints "cepheus COMMAND: message" and the usage pointer; returns 2.
int usage_error(const char* command, const std::string& message);

}  // namespace cepheus::cli
