// Private to the engine: the key of a group (window `group by`, pattern
// `partition by`) as one Value, so that maps are keyed without allocating: the
// field itself for one field (the usual case), else the fields' texts,
// length-prefixed, as one string.
#pragma once

#include <cstdint>
#include <span>

#include "cepheus/core/event.h"

namespace cepheus::engine {

Value group_key(const Event& event, std::span<const std::uint32_t> fields);

}  // namespace cepheus::engine
