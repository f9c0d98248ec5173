#include "cepheus/dsl/checked.h"

namespace cepheus::dsl {

std::string_view op_name(Op op) {
  static constexpr std::string_view kNames[] = {
      "+", "-", "*", "/", "%", "neg", "==", "!=", "<", "<=", ">", ">=", "and", "or", "not", "concat"};
  return kNames[static_cast<int>(op)];
}

std::string_view function_name(Function function) {
  static constexpr std::string_view kNames[] = {
      "abs",   "round", "floor",  "ceil",     "sqrt",        "ln",        "exp",      "pow", "min",  "max",
      "lower", "upper", "length", "contains", "starts_with", "ends_with", "coalesce", "if",  "hour", "day_of_week"};
  return kNames[static_cast<int>(function)];
}

std::string_view aggregate_name(Aggregate aggregate) {
  static constexpr std::string_view kNames[] = {"count", "count_distinct", "sum",   "avg",  "min",
                                                "max",   "stddev",         "first", "last", "percentile"};
  return kNames[static_cast<int>(aggregate)];
}

}  // namespace cepheus::dsl
