// The node's own counters, shared by its threads (relaxed atomics: they are
// figures for people and Prometheus, not synchronisation). Per-operator figures
// come from the engines themselves when /metrics is read.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace cepheus::node {

struct NodeMetrics {
  std::atomic<std::uint64_t> messages_received{0};      // taken into the intake queue
  std::atomic<std::uint64_t> messages_refused{0};       // intake queue full (counted as dead letters "overload")
  std::atomic<std::uint64_t> redeliveries_left_out{0};  // MQTT messages delivered a second time, not taken again
  std::atomic<std::uint64_t> file_records{0};           // records of `from file` sources taken into the intake queue
  std::atomic<std::uint64_t> events_in{0};              // decoded events handed to engines
  std::atomic<std::uint64_t> events_out{0};             // alerts and sink events that left engines
  std::atomic<std::uint64_t> alerts{0};                 // alerts newly journaled
  std::atomic<std::uint64_t> late_events{0};
  std::atomic<std::uint64_t> dead_malformed{0};
  std::atomic<std::uint64_t> dead_late{0};
  std::atomic<std::uint64_t> dead_letters_trimmed{0};  // dropped from the store at its limit, oldest first
  std::atomic<std::uint64_t> alerts_trimmed{0};        // dropped from the journal at its limit, oldest first
  std::atomic<std::uint64_t> checkpoints{0};
  std::atomic<std::uint64_t> publish_failures{0};  // MQTT publishes and webhooks that gave up
  std::atomic<std::uint64_t> http_requests{0};
  std::atomic<std::uint64_t> http_errors{0};  // 4xx and 5xx answers

  static void add(std::atomic<std::uint64_t>& counter, std::uint64_t n = 1) {
    counter.fetch_add(n, std::memory_order_relaxed);
  }
  static std::uint64_t get(const std::atomic<std::uint64_t>& counter) {
    return counter.load(std::memory_order_relaxed);
  }
};

}  // namespace cepheus::node
