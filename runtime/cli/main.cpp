// `cepheus`: the one command line of Cepheus.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.h"

namespace {

constexpr const char* kVersion = "0.1.0";

constexpr const char* kHelp = R"(cepheus - the Cepheus command line

Usage: cepheus COMMAND [ARGS]

Commands:
  check      check rule files and project folders; report every problem with its
             file, line, column, the source line and a hint
  fmt        print or rewrite rule files in the canonical layout (--check for CI)
  compile    compile rules into an execution plan (versioned JSON)
  explain    print the execution plan of rules (or of a plan.json) readably
  run        replay recorded events through a project, or run it live against an
             MQTT broker, and print its alerts as JSON lines
  simulate   make a scenario's events (generated keys and anomalies, replays, scripts):
             to a replay file, or published to an MQTT broker as a load generator
  test       run a project's tests (tests/*.toml: a scenario and the alerts expected);
             a readable report with why an expected alert did not fire, JUnit
             XML (--junit) and rule coverage (--coverage)
  decode     decode a recorded feed (JSON lines or CSV) against a schema and print
             its events as JSON lines; every bad record is reported with its file,
             line, column and reason

Against a node (cepheus-node; --node URL --token T, or CEPHEUS_NODE and CEPHEUS_TOKEN):
  deploy     check a project and upload it as a deployment's next version
  status     list a node's deployments, or show one's counters and partial matches
  alerts     print the node's alert journal as JSON lines
  tail       follow a node's alerts or a stream's events live (--alerts, --stream NAME)
  rollback   run a deployment's previous version again

Run 'cepheus COMMAND --help' for the options of a command.
Options: --help, --version
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    std::fputs(kHelp, words.empty() ? stderr : stdout);
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version") {
    std::printf("cepheus %s\n", kVersion);
    return 0;
  }
  const std::string command = words[0];
  words.erase(words.begin());
  if (command == "decode") return cepheus::cli::run_decode(words);
  if (command == "check") return cepheus::cli::run_check(words);
  if (command == "fmt") return cepheus::cli::run_fmt(words);
  if (command == "compile") return cepheus::cli::run_compile(words);
  if (command == "explain") return cepheus::cli::run_explain(words);
  if (command == "run") return cepheus::cli::run_run(words);
  if (command == "simulate") return cepheus::cli::run_simulate(words);
  if (command == "test") return cepheus::cli::run_test(words);
  if (command == "deploy") return cepheus::cli::run_deploy(words);
  if (command == "rollback") return cepheus::cli::run_rollback(words);
  if (command == "status") return cepheus::cli::run_status(words);
  if (command == "alerts") return cepheus::cli::run_alerts(words);
  if (command == "tail") return cepheus::cli::run_tail(words);
  std::fprintf(stderr, "cepheus: unknown command '%s'; run 'cepheus --help' for the list\n", command.c_str());
  return 2;
}
