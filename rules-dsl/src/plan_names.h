// Private to the plan codec: the names of enumerations in plan JSON, one table
// each, read and written from the same table so they cannot drift apart.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "cepheus/dsl/ast.h"
#include "cepheus/dsl/checked.h"

namespace cepheus::dsl::plan_names {

inline constexpr const auto& kStatementKinds = kStatementKeywords;
inline constexpr std::array<std::string_view, 5> kSlots = {"event", "table", "twin", "binding", "output"};
inline constexpr std::array<std::string_view, 8> kBoundKinds = {"constant", "field",     "unary", "binary",
                                                                "call",     "aggregate", "in",    "is_null"};
inline constexpr std::array<std::string_view, 16> kOps = {
    "+", "-", "*", "/", "%", "neg", "==", "!=", "<", "<=", ">", ">=", "and", "or", "not", "concat"};
inline constexpr std::array<std::string_view, 20> kFunctions = {
    "abs",   "round", "floor",  "ceil",     "sqrt",        "ln",        "exp",      "pow", "min",  "max",
    "lower", "upper", "length", "contains", "starts_with", "ends_with", "coalesce", "if",  "hour", "day_of_week"};
inline constexpr std::array<std::string_view, 10> kAggregates = {
    "count", "count_distinct", "sum", "avg", "min", "max", "stddev", "first", "last", "percentile"};
inline constexpr std::array<std::string_view, 4> kWindowKinds = {"tumbling", "sliding", "session", "count"};
inline constexpr std::array<std::string_view, 5> kPatternNodeKinds = {"step", "absence", "sequence", "and", "or"};
inline constexpr std::array<std::string_view, 3> kContiguities = {"next", "then", "then any"};
inline constexpr std::array<std::string_view, 5> kSkipKinds = {"no skip", "to next", "past last", "to first",
                                                               "to last"};
inline constexpr std::array<std::string_view, 5> kSeverities = {"info", "low", "medium", "high", "critical"};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& table, Enum value) {
  return table[static_cast<std::size_t>(value)];
}

template <typename Enum, std::size_t N>
std::optional<Enum> from_name(const std::array<std::string_view, N>& table, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace cepheus::dsl::plan_names
