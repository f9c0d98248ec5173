#include "cepheus/core/mqtt_topic.h"

namespace cepheus {

std::vector<std::string_view> topic_levels(std::string_view topic) {
  std::vector<std::string_view> levels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = topic.find('/', start);
    levels.push_back(topic.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return levels;
    start = slash + 1;
  }
}

bool topic_matches(std::string_view filter, std::string_view topic) {
  if (!topic.empty() && topic.front() == '$' && !filter.empty() && (filter.front() == '+' || filter.front() == '#')) {
    return false;
  }
  const std::vector<std::string_view> want = topic_levels(filter);
  const std::vector<std::string_view> have = topic_levels(topic);
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "#") return i + 1 == want.size();  // also matches the parent level itself
    if (i >= have.size()) return false;
    if (want[i] != "+" && want[i] != have[i]) return false;
  }
  return want.size() == have.size();
}

}  // namespace cepheus
