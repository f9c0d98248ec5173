#include "field_spec.h"

#include "cepheus/testbench/field_spec_words.h"

#include <charconv>

namespace cepheus::testbench {
namespace {

std::optional<double> number(std::string_view word) {
  double value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size()) return std::nullopt;
  return value;
}

Status bad(std::string_view text, const std::string& why) {
  return invalid_argument("'" + std::string(text) + "': " + why);
}

// "0.5/h" -> per second.
std::optional<double> rate_per_second(std::string_view word) {
  const std::size_t slash = word.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto amount = number(word.substr(0, slash));
  const std::string_view unit = word.substr(slash + 1);
  const double seconds = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
  if (!amount || seconds == 0) return std::nullopt;
  return *amount / seconds;
}

Result<FieldSpec> parse_words(std::string_view text, const std::vector<std::string>& words) {
  if (words.empty()) return bad(text, "empty; write 'constant 1', 'normal 70 2', 'one of a b', ... (see the manual)");
  FieldSpec spec;
  spec.text = std::string(text);
  const std::string& kind = words[0];
  std::size_t next = 1;
  auto numbers = [&](std::size_t count, const char* usage) -> Status {
    if (words.size() < 1 + count) return bad(text, std::string("expected ") + usage);
    const auto first = number(words[1]);
    const auto second = count > 1 ? number(words[2]) : std::optional<double>(0);
    if (!first || !second) return bad(text, std::string("expected ") + usage);
    spec.a = *first;
    spec.b = *second;
    next = 1 + count;
    return {};
  };
  if (kind == "key") {
    spec.kind = FieldSpec::Kind::kKey;
  } else if (kind == "time") {
    spec.kind = FieldSpec::Kind::kTime;
  } else if (kind == "constant") {
    if (words.size() != 2) return bad(text, "expected 'constant VALUE'");
    spec.kind = FieldSpec::Kind::kConstant;
    spec.words = {words[1]};
    next = 2;
  } else if (kind == "uniform") {
    spec.kind = FieldSpec::Kind::kUniform;
    CEPHEUS_RETURN_IF_ERROR(numbers(2, "'uniform LOW HIGH'"));
    if (spec.b < spec.a) return bad(text, "HIGH is below LOW");
  } else if (kind == "normal") {
    spec.kind = FieldSpec::Kind::kNormal;
    CEPHEUS_RETURN_IF_ERROR(numbers(2, "'normal MEAN DEVIATION'"));
    if (spec.b < 0) return bad(text, "the deviation is negative");
  } else if (kind == "walk") {
    spec.kind = FieldSpec::Kind::kWalk;
    spec.stateful = true;
    CEPHEUS_RETURN_IF_ERROR(numbers(2, "'walk START STEP'"));
    if (spec.b < 0) return bad(text, "the step is negative");
  } else if (kind == "counter") {
    spec.kind = FieldSpec::Kind::kCounter;
    spec.stateful = true;
    spec.decimals = 0;
    if (words.size() > 1 && number(words[1])) {
      spec.a = *number(words[1]);
      next = 2;
    }
  } else if (kind == "sequence") {
    spec.kind = FieldSpec::Kind::kSequence;
    spec.stateful = true;
    spec.words.assign(words.begin() + 1, words.end());
    if (spec.words.empty()) return bad(text, "expected 'sequence A B C'");
    return spec;  // every word is a value
  } else if (kind == "one" && words.size() > 1 && words[1] == "of") {
    spec.kind = FieldSpec::Kind::kOneOf;
    double total = 0;
    for (std::size_t i = 2; i < words.size(); ++i) {
      std::string value = words[i];
      double weight = 1;
      const std::size_t colon = value.rfind(':');
      if (colon != std::string::npos && !(value.front() == '"' && colon < value.rfind('"'))) {
        const auto parsed = number(std::string_view(value).substr(colon + 1));
        if (!parsed || *parsed < 0) return bad(text, "the weight of '" + value + "' is not a number >= 0");
        weight = *parsed;
        value.resize(colon);
      }
      total += weight;
      spec.words.push_back(value);
      spec.weights.push_back(total);
    }
    if (spec.words.empty() || total <= 0) return bad(text, "expected 'one of A:WEIGHT B:WEIGHT ...' with a weight > 0");
    return spec;
  } else {
    return bad(text, "unknown kind '" + kind +
                         "'; expected key, time, constant, uniform, normal, walk, one of, sequence or counter");
  }
  for (std::size_t i = next; i < words.size(); i += 2) {
    if (i + 1 >= words.size()) return bad(text, "'" + words[i] + "' needs a value");
    const std::string& modifier = words[i];
    if (modifier == "drift") {
      const auto rate = rate_per_second(words[i + 1]);
      if (!rate) return bad(text, "drift takes RATE/UNIT such as 0.5/h (units s, m, h, d)");
      spec.drift_per_second = *rate;
      continue;
    }
    const auto value = number(words[i + 1]);
    if (!value) return bad(text, "'" + modifier + "' takes a number, not '" + words[i + 1] + "'");
    if (modifier == "min") {
      spec.min = *value;
    } else if (modifier == "max") {
      spec.max = *value;
    } else if (modifier == "round" && *value >= 0 && *value <= 9) {
      spec.decimals = static_cast<int>(*value);
    } else {
      return bad(text, "unknown modifier '" + modifier + "'; expected drift, min, max or round (0 to 9)");
    }
  }
  return spec;
}

}  // namespace

std::vector<std::string> field_spec_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    std::string word;
    if (text[i] == '"') {  // a quoted value keeps its spaces
      ++i;
      while (i < text.size() && text[i] != '"') word += text[i++];
      ++i;
      word = '"' + word + '"';
      while (i < text.size() && text[i] != ' ' && text[i] != '\t') word += text[i++];  // a weight: "far east":2
      words.push_back(word);
      continue;
    }
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') word += text[i++];
    words.push_back(word);
  }
  return words;
}

Result<FieldSpec> parse_field_spec(std::string_view text) {
  std::vector<std::string> words = field_spec_words(text);
  const bool per_key = words.size() > 2 && words[0] == "per" && words[1] == "key";
  if (per_key) words.erase(words.begin(), words.begin() + 2);
  CEPHEUS_ASSIGN_OR_RETURN(FieldSpec spec, parse_words(text, words));
  if (per_key) {
    if (spec.kind == FieldSpec::Kind::kKey || spec.kind == FieldSpec::Kind::kTime)
      return bad(text, "'per key' makes no sense for key or time");
    if (spec.stateful) return bad(text, "'per key' draws one value per key; walk, sequence and counter change");
    spec.per_key = true;
    spec.stateful = true;
  }
  return spec;
}

}  // namespace cepheus::testbench
