// A generator: a population of keys, each sending events of one source at a
// rate, with a value per field from its spec; anomalies change the specs (or
// silence the keys) for a while. Keys are scheduled on a heap, so a million
// keys cost a million heap entries and nothing per idle key.
#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

#include "cepheus/core/json_writer.h"
#include "feeds.h"
#include "field_spec.h"
#include "random.h"

namespace cepheus::testbench {
namespace {

// One field of the events, and how it is made.
struct FieldPlan {
  std::string name;
  ValueType type = ValueType::kString;
  FieldSpec spec;
  std::size_t state = 0;  // the field's slot in a key's state, for stateful specs
};

struct ActiveAnomaly {
  Timestamp from;
  Timestamp until;
  bool silent = false;
  std::vector<bool> keys;            // empty: every key
  std::vector<FieldPlan> overrides;  // replace the field of the same name
};

struct Due {
  Timestamp time;
  std::uint32_t key;
  bool operator>(const Due& other) const { return time != other.time ? time > other.time : key > other.key; }
};

Result<FieldPlan> plan_field(const SourceShape& shape, const std::string& name, const std::string& spec_text,
                             const std::string& where) {
  const std::size_t index = shape.schema->index_of(name);
  if (index == Schema::npos)
    return invalid_argument(where + ": source '" + shape.name + "' has no field '" + name + "'");
  CEPHEUS_ASSIGN_OR_RETURN(FieldSpec spec, parse_field_spec(spec_text));
  const ValueType type = shape.schema->field(index).type;
  const bool numeric = spec.kind == FieldSpec::Kind::kUniform || spec.kind == FieldSpec::Kind::kNormal ||
                       spec.kind == FieldSpec::Kind::kWalk || spec.kind == FieldSpec::Kind::kCounter;
  const auto refuse = [&](const std::string& why) {
    return invalid_argument(where + ": field '" + name + "' (" + std::string(value_type_name(type)) + "): " + why);
  };
  if (numeric && type != ValueType::kInt && type != ValueType::kDouble && type != ValueType::kString)
    return refuse("'" + spec_text + "' makes numbers");
  if (spec.kind == FieldSpec::Kind::kTime && type != ValueType::kTimestamp && type != ValueType::kString)
    return refuse("'time' makes timestamps");
  for (const std::string& word : spec.words) {
    if (word.starts_with('"') || type == ValueType::kString) continue;
    const auto parsed = JsonValue::parse(word);
    const bool fits = parsed.ok() && (type == ValueType::kBool ? parsed->is_bool() : parsed->is_number());
    if (!fits && type != ValueType::kTimestamp && type != ValueType::kDuration)
      return refuse("'" + word + "' is not of this type");
  }
  if (type == ValueType::kInt) spec.decimals = 0;
  return FieldPlan{name, type, std::move(spec), 0};
}

class GeneratorFeed final : public Feed {
 public:
  GeneratorFeed(const Scenario& scenario, const Generator& generator, SourceShape shape, const Population* population)
      : shape_(std::move(shape)),
        population_(population ? std::optional<Population>(*population) : std::nullopt),
        start_(scenario.start),
        until_(scenario.start + generator.until.value_or(scenario.duration)),
        arrival_(generator.arrival),
        every_(generator.every),
        burst_(generator.burst),
        burst_gap_(generator.burst_gap),
        limit_(generator.limit),
        random_(Random::derive(scenario.seed, generator.name)) {
    keys_ = population_ ? population_->count : 1;
    sent_in_burst_.assign(generator.arrival == Arrival::kBursts ? keys_ : 0, 0);
    const Timestamp first = scenario.start + generator.from;
    for (std::uint32_t key = 0; key < keys_; ++key) {
      // Keys start spread over one gap, so a population does not send in lockstep.
      const double phase =
          arrival_ == Arrival::kPoisson ? random_.exponential(seconds(every_)) : random_.uniform(0, seconds(every_));
      due_.push({first + Duration::millis(static_cast<std::int64_t>(phase * 1e3)), key});
    }
  }

  void set_fields(std::vector<FieldPlan> fields) { fields_ = std::move(fields); }
  void add_anomaly(ActiveAnomaly anomaly) { anomalies_.push_back(std::move(anomaly)); }
  void size_state() {
    std::size_t slots = 0;
    for (FieldPlan& field : fields_)
      if (field.spec.stateful) field.state = slots++;
    for (ActiveAnomaly& anomaly : anomalies_)
      for (FieldPlan& field : anomaly.overrides)
        if (field.spec.stateful) field.state = slots++;
    slots_ = slots;
    state_.assign(keys_ * slots_, std::numeric_limits<double>::quiet_NaN());
  }

  std::optional<Timestamp> peek() override {
    while (!due_.empty()) {
      if (due_.top().time >= until_ || (limit_ && sent_ >= *limit_)) return std::nullopt;
      const Due due = due_.top();
      const ActiveAnomaly* anomaly = anomaly_at(due);
      if (!anomaly || !anomaly->silent) return due.time;
      reschedule(due);  // silenced: the key keeps its rhythm but sends nothing
    }
    return std::nullopt;
  }

  SimulatedEvent take() override {
    const Due due = due_.top();
    const ActiveAnomaly* anomaly = anomaly_at(due);
    reschedule(due);
    ++sent_;
    return {due.time, shape_.name, event_json(due, anomaly)};
  }

 private:
  static double seconds(Duration d) { return d.to_seconds(); }

  const ActiveAnomaly* anomaly_at(const Due& due) const {
    for (const ActiveAnomaly& anomaly : anomalies_)
      if (due.time >= anomaly.from && due.time < anomaly.until && (anomaly.keys.empty() || anomaly.keys[due.key]))
        return &anomaly;
    return nullptr;
  }

  void reschedule(const Due& due) {
    due_.pop();
    Duration gap = every_;
    if (arrival_ == Arrival::kPoisson) {
      gap = Duration::millis(
          std::max<std::int64_t>(1, static_cast<std::int64_t>(random_.exponential(seconds(every_)) * 1e3)));
    } else if (arrival_ == Arrival::kBursts) {
      std::int64_t& sent = sent_in_burst_[due.key];
      if (++sent < burst_) {
        gap = burst_gap_;
      } else {
        gap = every_ - burst_gap_ * (burst_ - 1);  // bursts start `every` apart
        if (gap <= Duration()) gap = burst_gap_;
        sent = 0;
      }
    }
    due_.push({due.time + gap, due.key});
  }

  std::string key_name(std::uint32_t key) const { return population_ ? population_->key_name(key) : "1"; }

  void append_number(std::string& out, const FieldPlan& field, double value, Timestamp time) const {
    value += field.spec.drift_per_second * seconds(time - start_);
    if (field.spec.min) value = std::max(value, *field.spec.min);
    if (field.spec.max) value = std::min(value, *field.spec.max);
    const double scale = std::pow(10.0, field.spec.decimals);
    value = std::round(value * scale) / scale;
    if (field.type == ValueType::kInt) {
      append_json_int(out, static_cast<std::int64_t>(value));
    } else if (field.type == ValueType::kString) {
      std::string text;
      append_json_double(text, value);
      append_json_string(out, text);
    } else {
      append_json_double(out, value == 0 ? 0.0 : value);  // no "-0"
    }
  }

  void append_word(std::string& out, const FieldPlan& field, const std::string& word) const {
    if (word.starts_with('"')) {
      append_json_string(out, word.substr(1, word.size() - 2));
    } else if (field.type == ValueType::kString || field.type == ValueType::kTimestamp ||
               field.type == ValueType::kDuration) {
      append_json_string(out, word);
    } else {
      out += word;
    }
  }

  void append_value(std::string& out, const FieldPlan& field, const Due& due) {
    const FieldSpec& spec = field.spec;
    double* state = spec.stateful ? &state_[due.key * slots_ + field.state] : nullptr;
    if (spec.per_key) {
      append_per_key(out, field, *state, due.time);
      return;
    }
    switch (spec.kind) {
      case FieldSpec::Kind::kKey:
        if (field.type == ValueType::kString) {
          append_json_string(out, key_name(due.key));
        } else {
          out += key_name(due.key);
        }
        return;
      case FieldSpec::Kind::kTime: append_json_string(out, format_timestamp(due.time)); return;
      case FieldSpec::Kind::kConstant: append_word(out, field, spec.words[0]); return;
      case FieldSpec::Kind::kUniform: append_number(out, field, random_.uniform(spec.a, spec.b), due.time); return;
      case FieldSpec::Kind::kNormal: append_number(out, field, random_.normal(spec.a, spec.b), due.time); return;
      case FieldSpec::Kind::kWalk:
        *state = std::isnan(*state) ? spec.a : *state + random_.normal(0, spec.b);
        if (spec.min) *state = std::max(*state, *spec.min);
        if (spec.max) *state = std::min(*state, *spec.max);
        append_number(out, field, *state, due.time);
        return;
      case FieldSpec::Kind::kCounter:
        *state = std::isnan(*state) ? spec.a : *state + 1;
        append_number(out, field, *state, due.time);
        return;
      case FieldSpec::Kind::kSequence: {
        *state = std::isnan(*state) ? 0 : *state + 1;
        const auto index = static_cast<std::size_t>(*state) % spec.words.size();
        append_word(out, field, spec.words[index]);
        return;
      }
      case FieldSpec::Kind::kOneOf: append_word(out, field, spec.words[pick_word(spec)]); return;
    }
  }

  // A categorical draw: the index of a word, by the words' weights.
  std::size_t pick_word(const FieldSpec& spec) {
    const double pick = random_.uniform(0, spec.weights.back());
    const auto at = std::upper_bound(spec.weights.begin(), spec.weights.end(), pick) - spec.weights.begin();
    return std::min<std::size_t>(static_cast<std::size_t>(at), spec.words.size() - 1);
  }

  // A value drawn once per key: the number, or the index of the word, is kept.
  void append_per_key(std::string& out, const FieldPlan& field, double& kept, Timestamp time) {
    const FieldSpec& spec = field.spec;
    const bool words = !spec.words.empty();
    if (std::isnan(kept)) {
      switch (spec.kind) {
        case FieldSpec::Kind::kUniform: kept = random_.uniform(spec.a, spec.b); break;
        case FieldSpec::Kind::kNormal: kept = random_.normal(spec.a, spec.b); break;
        case FieldSpec::Kind::kOneOf: kept = static_cast<double>(pick_word(spec)); break;
        default: kept = 0; break;  // constant
      }
    }
    if (words) {
      append_word(out, field, spec.words[static_cast<std::size_t>(kept)]);
    } else {
      append_number(out, field, kept, time);
    }
  }

  std::string event_json(const Due& due, const ActiveAnomaly* anomaly) {
    std::string out = "{";
    for (const FieldPlan& field : fields_) {
      const FieldPlan* chosen = &field;
      if (anomaly)
        for (const FieldPlan& override_field : anomaly->overrides)
          if (override_field.name == field.name) chosen = &override_field;
      if (out.size() > 1) out += ',';
      append_json_string(out, field.name);
      out += ':';
      append_value(out, *chosen, due);
    }
    return out + "}";
  }

  SourceShape shape_;
  std::optional<Population> population_;  // a copy: the feed outlives the scenario it was made from
  Timestamp start_;
  Timestamp until_;
  Arrival arrival_;
  Duration every_;
  std::int64_t burst_;
  Duration burst_gap_;
  std::optional<std::int64_t> limit_;
  Random random_;
  std::size_t keys_ = 1;
  std::vector<FieldPlan> fields_;
  std::vector<ActiveAnomaly> anomalies_;
  std::vector<double> state_;  // per key, per stateful field: NaN until the first event
  std::size_t slots_ = 0;
  std::vector<std::int64_t> sent_in_burst_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
  std::int64_t sent_ = 0;
};

}  // namespace

Result<std::unique_ptr<Feed>> make_generator_feed(const Scenario& scenario, const Generator& generator,
                                                  const dsl::Plan& plan) {
  const std::string where =
      scenario.path + ":" + std::to_string(generator.line) + ": generator '" + generator.name + "'";
  CEPHEUS_ASSIGN_OR_RETURN(SourceShape shape, source_shape(plan, generator.source, where));
  const Population* population =
      generator.population.empty() ? nullptr : &scenario.populations.at(generator.population);
  if (population && population->count > 0xFFFFFFFFu) return invalid_argument(where + ": too many keys");

  std::vector<FieldPlan> fields;
  for (const auto& [name, spec] : generator.fields) {
    CEPHEUS_ASSIGN_OR_RETURN(FieldPlan field, plan_field(shape, name, spec, where));
    if (field.spec.kind == FieldSpec::Kind::kKey && !population)
      return invalid_argument(where + ": field '" + name + "' is 'key', but the generator has no 'per' population");
    fields.push_back(std::move(field));
  }
  // Every field the source needs has a value: the time field is the event's time.
  for (std::size_t i = 0; i < shape.schema->size(); ++i) {
    const Field& field = shape.schema->field(i);
    const bool given =
        std::any_of(fields.begin(), fields.end(), [&](const FieldPlan& f) { return f.name == field.name; });
    if (given) continue;
    if (shape.time_field == i) {
      fields.push_back({field.name, field.type, *parse_field_spec("time"), 0});
    } else if (!field.optional && field.default_value.is_null()) {
      return invalid_argument(where + ": source '" + shape.name + "' needs field '" + field.name +
                              "'; give it a value, such as fields." + field.name + " = \"constant ...\"");
    }
  }

  auto feed = std::make_unique<GeneratorFeed>(scenario, generator, shape, population);
  // An anomaly changes the fields the generator makes; it cannot add one.
  for (const Anomaly& anomaly : scenario.anomalies)
    for (const auto& entry : anomaly.fields)
      if (const std::string& name = entry.first;
          anomaly.generator == generator.name &&
          std::none_of(fields.begin(), fields.end(), [&](const FieldPlan& f) { return f.name == name; }))
        return invalid_argument(scenario.path + ":" + std::to_string(anomaly.line) + ": anomaly '" + anomaly.name +
                                "' changes field '" + name + "', which generator '" + generator.name +
                                "' does not make");
  feed->set_fields(std::move(fields));
  for (const Anomaly& anomaly : scenario.anomalies) {
    if (anomaly.generator != generator.name) continue;
    const std::string at = scenario.path + ":" + std::to_string(anomaly.line) + ": anomaly '" + anomaly.name + "'";
    ActiveAnomaly active{
        scenario.start + anomaly.at, scenario.start + anomaly.at + anomaly.length, anomaly.silent, {}, {}};
    if (!anomaly.keys.empty()) {
      std::unordered_map<std::string, std::uint32_t> index;
      const std::size_t count = population ? population->count : 1;
      for (std::uint32_t k = 0; k < count; ++k) index.emplace(population ? population->key_name(k) : "1", k);
      active.keys.assign(count, false);
      for (const std::string& key : anomaly.keys) {
        const auto found = index.find(key);
        if (found == index.end())
          return invalid_argument(at + ": key '" + key + "' is not in the generator's population");
        active.keys[found->second] = true;
      }
    }
    for (const auto& [name, spec] : anomaly.fields) {
      CEPHEUS_ASSIGN_OR_RETURN(FieldPlan field, plan_field(shape, name, spec, at));
      active.overrides.push_back(std::move(field));
    }
    feed->add_anomaly(std::move(active));
  }
  feed->size_state();
  return std::unique_ptr<Feed>(std::move(feed));
}

}  // namespace cepheus::testbench
