#include "cepheus/testbench/topic.h"

namespace cepheus::testbench {

Result<std::string> topic_for(const dsl::PlanStatement& source, const JsonValue& event) {
  const auto& body = std::get<dsl::CheckedSource>(source.body);
  std::vector<std::string> levels;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = body.target.find('/', start);
    levels.push_back(body.target.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  for (const dsl::TopicSegment& segment : body.segments) {
    const std::string& field = source.output->field(segment.field_index).name;
    const JsonValue* value = event.find(field);
    if (!value || !(value->is_string() || value->is_number()))
      return invalid_argument("source '" + source.name + "': the event has no '" + field + "' for its topic");
    levels.at(segment.level) = value->text();
  }
  // A level the source subscribes to with a bare wildcard takes any word: "_".
  std::string topic;
  for (const std::string& level : levels) {
    if (level == "#") break;
    topic += (topic.empty() ? "" : "/") + (level == "+" ? std::string("_") : level);
  }
  return topic;
}

}  // namespace cepheus::testbench
