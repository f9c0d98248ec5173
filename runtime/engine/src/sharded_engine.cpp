#include "cepheus/engine/sharded_engine.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "shard_field.h"
#include "spsc_queue.h"

namespace cepheus::engine {
namespace {

using Observation = std::pair<dsl::StatementId, Timestamp>;

struct Message {
  enum class Kind : std::uint8_t { kEvent, kObserve, kBarrier, kStop };
  Kind kind = Kind::kEvent;
  dsl::StatementId source = 0;
  std::optional<Event> event;
  std::vector<Observation> observed;  // kObserve, in the order they happened
  std::uint64_t batch = 0;            // kBarrier
  bool finish = false;                // kBarrier: the end of the input comes first
};

// What a worker's engine produced in the current batch, in order.
struct Produced {
  enum class Kind : std::uint8_t { kAlert, kSink, kDeadLetter, kWarning };
  Kind kind = Kind::kAlert;
  Timestamp time;
  std::uint64_t seq = 0;
  Alert alert;
  std::string name;  // sink, source or statement
  std::string text;  // dead letter reason, warning
  std::vector<ResolvedTarget> targets;
  std::optional<Event> event;
};

class BufferingOutput final : public Output {
 public:
  void alert(const Alert& a) override {
    Produced p = next(Produced::Kind::kAlert, a.time);
    p.alert = a;
    items.push_back(std::move(p));
  }
  void sink_event(std::string_view sink, const std::vector<ResolvedTarget>& targets, const Event& e) override {
    Produced p = next(Produced::Kind::kSink, e.time());
    p.name = sink;
    p.targets = targets;
    p.event = e;
    items.push_back(std::move(p));
  }
  void dead_letter(std::string_view source, const Event& e, std::string_view reason) override {
    Produced p = next(Produced::Kind::kDeadLetter, e.time());
    p.name = source;
    p.text = reason;
    p.event = e;
    items.push_back(std::move(p));
  }
  void warning(std::string_view statement, std::string_view message) override {
    Produced p = next(Produced::Kind::kWarning, Timestamp::min());
    p.name = statement;
    p.text = message;
    items.push_back(std::move(p));
  }
  std::vector<Produced> items;

 private:
  Produced next(Produced::Kind kind, Timestamp time) {
    Produced p;
    p.kind = kind;
    p.time = time;
    p.seq = seq_++;
    return p;
  }
  std::uint64_t seq_ = 0;
};

struct Worker {
  SpscQueue<Message> queue{4096};
  BufferingOutput output;
  std::unique_ptr<Engine> engine;
  std::atomic<std::uint64_t> done_batch{0};
  std::vector<Observation> pending;  // what the other workers saw, not yet sent
  std::thread thread;

  void run() {
    for (;;) {
      Message m = queue.pop();
      switch (m.kind) {
        case Message::Kind::kEvent: engine->ingest(m.source, *m.event); break;
        case Message::Kind::kObserve:
          for (const auto& [source, time] : m.observed) engine->observe(source, time);
          break;
        case Message::Kind::kBarrier:
          if (m.finish) engine->finish();
          done_batch.store(m.batch, std::memory_order_release);
          done_batch.notify_one();
          break;
        case Message::Kind::kStop: return;
      }
    }
  }
};

constexpr std::uint64_t kBatch = 4096;  // events between gatherings of output

}  // namespace

class ShardedEngine::Impl {
 public:
  Impl(std::shared_ptr<const dsl::Plan> plan, Output& output, ShardField shard)
      : plan_(std::move(plan)),
        output_(output),
        shard_(std::move(shard)),
        newest_(plan_->statements.size(), Timestamp::min()),
        seen_(plan_->statements.size(), false),
        lateness_(plan_->statements.size()) {
    for (dsl::StatementId id = 0; id < plan_->statements.size(); ++id) {
      const dsl::PlanStatement& s = plan_->statements[id];
      if (s.kind != dsl::StatementKind::kSource) continue;
      const auto& body = std::get<dsl::CheckedSource>(s.body);
      lateness_[id] = body.lateness;
      // Without idle sources the watermark only rises, so a worker may skip to the newest time.
      collapse_ = collapse_ && !body.idle_after;
    }
  }

  ~Impl() {
    for (auto& w : workers_) {
      if (!w->thread.joinable()) continue;
      Message stop;
      stop.kind = Message::Kind::kStop;
      w->queue.push(std::move(stop));
      w->thread.join();
    }
  }

  Status start(TableLoader& tables, int count, const EngineOptions& options) {
    for (int i = 0; i < count; ++i) {
      auto worker = std::make_unique<Worker>();
      CEPHEUS_ASSIGN_OR_RETURN(worker->engine, Engine::create(plan_, tables, worker->output, options));
      workers_.push_back(std::move(worker));
    }
    for (auto& w : workers_) w->thread = std::thread([worker = w.get()] { worker->run(); });
    return Status();
  }

  void ingest(dsl::StatementId source, const Event& event) {
    if (seen_[source] && event.time() < newest_[source] - lateness_[source]) {
      output_.dead_letter(plan_->statements[source].name, event, "late");
      return;
    }
    const bool newer = !seen_[source] || event.time() > newest_[source];
    seen_[source] = true;
    const std::size_t target = worker_for(source, event);
    if (newer) {
      newest_[source] = event.time();
      for (std::size_t i = 0; i < workers_.size(); ++i) {
        if (i != target) note(*workers_[i], source, event.time());
      }
    }
    Worker& w = *workers_[target];
    send_pending(w);
    Message m;
    m.source = source;
    m.event = event;
    w.queue.push(std::move(m));
    if (++since_gather_ >= kBatch) gather(false);
  }

  void finish() { gather(true); }

  std::vector<std::unique_ptr<Worker>> workers_;
  std::shared_ptr<const dsl::Plan> plan_;
  Output& output_;
  ShardField shard_;

  std::size_t worker_for(dsl::StatementId source, const Event& event) {
    const std::optional<std::uint32_t>& field = shard_.by_source[source];
    // Events that touch no state may go anywhere: spread them in turn.
    if (!field) return round_robin_++ % workers_.size();
    return event.value(*field).hash() % workers_.size();
  }

  void note(Worker& w, dsl::StatementId source, Timestamp time) {
    if (collapse_) {
      for (Observation& o : w.pending) {
        if (o.first == source) {
          o.second = time;
          return;
        }
      }
    }
    w.pending.emplace_back(source, time);
  }

  void send_pending(Worker& w) {
    if (w.pending.empty()) return;
    Message m;
    m.kind = Message::Kind::kObserve;
    m.observed.swap(w.pending);
    w.queue.push(std::move(m));
  }

  // Waits for every worker to reach a barrier, then passes their output on in a
  // deterministic order.
  void gather(bool finish) {
    since_gather_ = 0;
    ++batch_;
    for (auto& w : workers_) {
      send_pending(*w);
      Message m;
      m.kind = Message::Kind::kBarrier;
      m.batch = batch_;
      m.finish = finish;
      w->queue.push(std::move(m));
    }
    for (auto& w : workers_) {
      for (std::uint64_t done = w->done_batch.load(std::memory_order_acquire); done < batch_;
           done = w->done_batch.load(std::memory_order_acquire)) {
        w->done_batch.wait(done, std::memory_order_acquire);
      }
    }
    // Merge: each worker's output stays in the order it was produced (so each key's is), and
    // among the workers the earliest event time goes first, the lower worker on a tie.
    std::vector<std::size_t> next(workers_.size(), 0);
    for (;;) {
      std::optional<std::size_t> pick;
      for (std::size_t i = 0; i < workers_.size(); ++i) {
        const auto& items = workers_[i]->output.items;
        if (next[i] == items.size()) continue;
        if (!pick || items[next[i]].time < workers_[*pick]->output.items[next[*pick]].time) pick = i;
      }
      if (!pick) break;
      pass_on(workers_[*pick]->output.items[next[*pick]++]);
    }
    // The workers wait at the barrier's end of their queues: their buffers are ours until the next push.
    for (auto& w : workers_) w->output.items.clear();
  }

  void pass_on(const Produced& p) {
    switch (p.kind) {
      case Produced::Kind::kAlert: output_.alert(p.alert); break;
      case Produced::Kind::kSink: output_.sink_event(p.name, p.targets, *p.event); break;
      case Produced::Kind::kDeadLetter: output_.dead_letter(p.name, *p.event, p.text); break;
      case Produced::Kind::kWarning: output_.warning(p.name, p.text); break;
    }
  }

  std::vector<Timestamp> newest_;  // per source, over all workers
  std::vector<bool> seen_;
  std::vector<Duration> lateness_;
  bool collapse_ = true;
  std::size_t round_robin_ = 0;
  std::uint64_t since_gather_ = 0;
  std::uint64_t batch_ = 0;
};

ShardedEngine::ShardedEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ShardedEngine::~ShardedEngine() = default;

Result<std::unique_ptr<ShardedEngine>> ShardedEngine::create(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                             Output& output, int workers,
                                                             const EngineOptions& options) {
  if (workers < 1) return Status(StatusCode::kInvalidArgument, "a sharded engine needs at least one worker");
  auto shard = find_shard_field(*plan);
  if (!shard.ok()) {
    return Status(StatusCode::kFailedPrecondition,
                  "this project cannot be spread over workers: " + shard.status().message());
  }
  auto impl = std::make_unique<Impl>(std::move(plan), output, std::move(*shard));
  CEPHEUS_RETURN_IF_ERROR(impl->start(tables, workers, options));
  return std::unique_ptr<ShardedEngine>(new ShardedEngine(std::move(impl)));
}

std::optional<dsl::StatementId> ShardedEngine::source(std::string_view name) const {
  return impl_->workers_.front()->engine->source(name);
}

void ShardedEngine::ingest(dsl::StatementId source, const Event& event) {
  impl_->ingest(source, event);
}

void ShardedEngine::flush() {
  impl_->gather(false);
}

void ShardedEngine::finish() {
  impl_->finish();
}

int ShardedEngine::workers() const {
  return static_cast<int>(impl_->workers_.size());
}

const std::string& ShardedEngine::shard_field() const {
  return impl_->shard_.name;
}

}  // namespace cepheus::engine
