// The checker: a parsed project to a CheckedProject, with every problem it finds.
//
// It resolves names across all files of the project (names are unique project
// wide), checks references and their kinds, finds cycles, types every
// expression, checks units, keys of joins, partitions and twins, and pattern
// steps, and warns about statements that nothing uses and steps that can never
// match. Like the parser it keeps going: a statement with an error is left out
// of the result and statements that read from it are not checked further (so
// one mistake gives one error, not a cascade).
#pragma once

#include "cepheus/dsl/checked.h"
#include "cepheus/dsl/diagnostic.h"
#include "cepheus/dsl/project.h"

namespace cepheus::dsl {

inline constexpr std::size_t kMaxStatements = 10'000;

CheckedProject check_project(const Project& project, Diagnostics& diagnostics);

}  // namespace cepheus::dsl
