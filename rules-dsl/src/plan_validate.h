// Private: checks that every index in a plan points at something that exists
// (inputs before their readers, fields within their schemas, steps within their
// pattern) and that every expression node has the arguments it needs, so that a
// plan read from a file can never make the engine read out of range.
#pragma once

#include "cepheus/dsl/plan.h"

namespace cepheus::dsl {

Status validate_plan(const Plan& plan);

}  // namespace cepheus::dsl
