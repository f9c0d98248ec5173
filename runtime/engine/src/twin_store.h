// Private to the engine: the per-key state of every twin (property values and
// the time of the last update), and the reader that expressions use to read a
// twin for the key of the event being evaluated.
#pragma once

#include <unordered_map>
#include <vector>

#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/evaluator.h"
#include "snapshot_codec.h"

namespace cepheus::engine {

class TwinStore final : public TwinReader {
 public:
  struct State {
    std::vector<Value> properties;
    Timestamp updated;
  };

  explicit TwinStore(const dsl::Plan& plan);

  // The properties of `key` in twin `twin` as of event time `now`: its defaults
  // when the key is unknown or expired. Valid until the next store().
  const std::vector<Value>& current(dsl::StatementId twin, const Value& key, Timestamp now) const;
  void store(dsl::StatementId twin, const Value& key, State state) { states_[twin][key] = std::move(state); }

  // The event of the statement running now, for reads whose context has no event
  // (a pattern's select, a window's having), until the binding goes out of scope.
  // Scoped, so that no read outlives the event: a pattern may run a buffered
  // event, or fire a deadline, long after the event it was offered is gone.
  class Binding {
   public:
    Binding(TwinStore& store, const Event* event) : store_(store), previous_(store.event_) { store.event_ = event; }
    ~Binding() { store_.event_ = previous_; }
    Binding(const Binding&) = delete;
    Binding& operator=(const Binding&) = delete;

   private:
    TwinStore& store_;
    const Event* previous_;
  };
  [[nodiscard]] Binding bind(const Event* event) { return Binding(*this, event); }
  // Reads for `event` (or the bound one): its own key, found by the twin's key name.
  Value property(std::uint32_t twin, std::uint32_t index, const Event* event) const override;

  std::size_t keys(dsl::StatementId twin) const { return states_[twin].size(); }
  // Forgets keys whose `expire after` has passed by event time `now`, so that
  // twins of short-lived keys do not hold memory (checked at most once per
  // expiry period of each twin).
  void expire(Timestamp now);
  std::vector<TwinState> states(dsl::StatementId twin, std::size_t limit) const;
  // One twin's keys and properties (a snapshot keeps each statement's state apart).
  void save(dsl::StatementId twin, SnapshotWriter& out) const;
  void load(dsl::StatementId twin, SnapshotReader& in);

 private:
  const dsl::Plan& plan_;
  std::vector<std::unordered_map<Value, State, ValueHash>> states_;
  std::vector<std::vector<Value>> defaults_;      // per twin statement
  std::vector<dsl::StatementId> expiring_;        // twins with `expire after`
  std::vector<Timestamp> next_expiry_;            // per twin statement: when to look again
  Timestamp next_any_expiry_ = Timestamp::min();  // the earliest of them: one comparison per event
  const Event* event_ = nullptr;
};

}  // namespace cepheus::engine
