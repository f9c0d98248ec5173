#include "twin_store.h"

#include <algorithm>

namespace cepheus::engine {

TwinStore::TwinStore(const dsl::Plan& plan)
    : plan_(plan),
      states_(plan.statements.size()),
      defaults_(plan.statements.size()),
      next_expiry_(plan.statements.size(), Timestamp::min()) {
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    if (plan.statements[id].kind != dsl::StatementKind::kTwin) continue;
    if (std::get<dsl::CheckedTwin>(plan.statements[id].body).expire_after) expiring_.push_back(id);
    for (const Field& f : std::get<dsl::CheckedTwin>(plan.statements[id].body).properties->fields()) {
      defaults_[id].push_back(f.default_value);
    }
  }
}

const std::vector<Value>& TwinStore::current(dsl::StatementId twin, const Value& key, Timestamp now) const {
  const auto& body = std::get<dsl::CheckedTwin>(plan_.statements[twin].body);
  auto it = states_[twin].find(key);
  if (it != states_[twin].end() && !(body.expire_after && it->second.updated + *body.expire_after < now)) {
    return it->second.properties;
  }
  return defaults_[twin];
}

void TwinStore::expire(Timestamp now) {
  if (now < next_any_expiry_) return;
  next_any_expiry_ = Timestamp::max();
  for (const dsl::StatementId twin : expiring_) {
    const Duration ttl = *std::get<dsl::CheckedTwin>(plan_.statements[twin].body).expire_after;
    if (now >= next_expiry_[twin]) {
      std::erase_if(states_[twin], [&](const auto& entry) { return entry.second.updated + ttl < now; });
      next_expiry_[twin] = now + ttl;
    }
    next_any_expiry_ = std::min(next_any_expiry_, next_expiry_[twin]);
  }
}

Value TwinStore::property(std::uint32_t twin, std::uint32_t index, const Event* event) const {
  if (!event) event = event_;
  if (!event) return Value::null();
  const auto& body = std::get<dsl::CheckedTwin>(plan_.statements[twin].body);
  const Value* key = event->find(body.key_name);
  if (!key || key->is_null()) return Value::null();
  return current(twin, *key, event->time())[index];
}

std::vector<TwinState> TwinStore::states(dsl::StatementId twin, std::size_t limit) const {
  std::vector<TwinState> out;
  if (twin >= states_.size() || plan_.statements[twin].kind != dsl::StatementKind::kTwin) return out;
  const Schema& properties = *std::get<dsl::CheckedTwin>(plan_.statements[twin].body).properties;
  for (const auto& [key, state] : states_[twin]) {
    if (out.size() >= limit) break;
    TwinState t{display_text(key), state.updated, {}};
    for (std::size_t i = 0; i < properties.size(); ++i)
      t.properties.emplace_back(properties.field(i).name, state.properties[i]);
    out.push_back(std::move(t));
  }
  return out;
}

void TwinStore::save(dsl::StatementId twin, SnapshotWriter& out) const {
  out.u64(states_[twin].size());
  for (const auto& [key, state] : states_[twin]) {
    out.value(key);
    out.time(state.updated);
    for (const Value& v : state.properties) out.value(v);
  }
}

void TwinStore::load(dsl::StatementId twin, SnapshotReader& in) {
  const Schema& properties = *std::get<dsl::CheckedTwin>(plan_.statements[twin].body).properties;
  const std::size_t keys = in.count(10);
  for (std::size_t k = 0; k < keys && in.ok(); ++k) {
    Value key = in.value();
    State state;
    state.updated = in.time();
    for (std::size_t p = 0; p < properties.size(); ++p) {
      Value v = in.value();
      if (!v.is_null() && v.type() != properties.field(p).type) in.fail("twin property of another type");
      state.properties.push_back(std::move(v));
    }
    states_[twin][std::move(key)] = std::move(state);
  }
}

}  // namespace cepheus::engine
