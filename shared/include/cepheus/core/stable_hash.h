// 64-bit FNV-1a, a hash that is the same on every machine and in every run:
// for what is stored or compared across runs (alert ids, plan fingerprints in
// snapshots, the node's fingerprints of replayed files).
#pragma once

#include <cstdint>
#include <string_view>

namespace cepheus {

inline constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;

inline std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = kFnvOffset) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace cepheus
