#include "cepheus/host/arguments.h"

namespace cepheus::host {

Result<Arguments> Arguments::parse(const std::vector<std::string>& words, const std::set<std::string>& value_options,
                                   const std::set<std::string>& flags) {
  Arguments arguments;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!word.starts_with("--") || word == "--") {
      arguments.positional_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (const auto equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name.resize(equals);
    }
    if (flags.count(name)) {
      if (inline_value) return invalid_argument("option --" + name + " takes no value");
      arguments.flags_.insert(name);
    } else if (value_options.count(name)) {
      if (!inline_value) {
        if (i + 1 >= words.size()) return invalid_argument("option --" + name + " needs a value");
        inline_value = words[++i];
      }
      arguments.values_[name] = *inline_value;
    } else {
      return invalid_argument("unknown option --" + name);
    }
  }
  return arguments;
}

std::optional<std::string> Arguments::value(const std::string& option) const {
  auto it = values_.find(option);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

}  // namespace cepheus::host
