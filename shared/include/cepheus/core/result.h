// Result<T>: either a value of T or the Status that explains why there is none.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "cepheus/core/status.h"

namespace cepheus {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<1>, std::move(value)) {}  // NOLINT: implicit by design
  // `status` must not be ok: a Result without a value needs a reason.
  Result(Status status) : state_(std::in_place_index<0>, std::move(status)) {  // NOLINT
    assert(!std::get<0>(state_).ok() && "Result built from an ok Status");
  }

  bool ok() const { return state_.index() == 1; }
  explicit operator bool() const { return ok(); }

  // The error; an ok Status when there is a value.
  Status status() const { return ok() ? Status() : std::get<0>(state_); }

  // Precondition for all accessors below: ok().
  T& value() & { return std::get<1>(state_); }
  const T& value() const& { return std::get<1>(state_); }
  T&& value() && { return std::get<1>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<Status, T> state_;
};

}  // namespace cepheus

#define CEPHEUS_CONCAT_INNER(a, b) a##b
#define CEPHEUS_CONCAT(a, b) CEPHEUS_CONCAT_INNER(a, b)

// CEPHEUS_ASSIGN_OR_RETURN(auto x, expr): binds the value of a Result or returns
// its Status from the calling function.
#define CEPHEUS_ASSIGN_OR_RETURN(decl, expr)                                                                      \
  auto CEPHEUS_CONCAT(cepheus_result_, __LINE__) = (expr);                                                        \
  if (!CEPHEUS_CONCAT(cepheus_result_, __LINE__).ok()) return CEPHEUS_CONCAT(cepheus_result_, __LINE__).status(); \
  decl = std::move(CEPHEUS_CONCAT(cepheus_result_, __LINE__)).value() /* NOLINT(bugprone-macro-parentheses) */
