// Private to the engine: storage for the values of the events that windows and
// patterns emit.
//
// An emitted event lives only while the engine pushes it to its readers (a reader
// that keeps it copies it), so the engine hands its values' storage back here and
// the operators build their next results in it: no malloc and free per result.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "cepheus/core/value.h"

namespace cepheus::engine {

class SpareValues {
 public:
  static constexpr std::size_t kKept = 64;  // a burst of results beyond this is freed

  // An empty list with room for `size` values.
  std::vector<Value> take(std::size_t size) {
    std::vector<Value> values;
    if (!spare_.empty()) {
      values = std::move(spare_.back());
      spare_.pop_back();
    }
    values.reserve(size);
    return values;
  }
  // Keeps the storage of `values` (its values are dropped) for a later take().
  void keep(std::vector<Value>&& values) {
    if (spare_.size() == kKept || values.capacity() == 0) return;
    values.clear();
    spare_.push_back(std::move(values));
  }

 private:
  std::vector<std::vector<Value>> spare_;
};

}  // namespace cepheus::engine
