// Arguments: a small reader of command-line words for the `cepheus` subcommands and `cepheus-node`.
//
// Options are "--name value", "--name=value" or flags ("--quiet"); other words are
// positional. Every problem becomes a message that names the option.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus::host {

class Arguments {
 public:
  // `value_options` take a value; `flags` do not. Anything else starting with
  // "--" is an error.
  static Result<Arguments> parse(const std::vector<std::string>& words, const std::set<std::string>& value_options,
                                 const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> value(const std::string& option) const;
  bool flag(const std::string& name) const { return flags_.count(name) != 0; }

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

}  // namespace cepheus::host
