// The canonical formatter: a RuleFile back to text in the one layout the studio
// writes.
//
// Layout: the statement keyword and name on the first line, each clause on its
// own line indented by two spaces, one field per line in schemas and twins,
// pattern steps after the first on their own lines indented by four, a blank line
// between statements. Durations print in their shortest exact form and names are
// backquoted only when they must be. Comments are kept: a comment on its own line
// stays before the clause or statement that follows it, a comment at the end of
// a line stays at the end of that clause's line.
//
// format(parse(format(x))) == format(x), and parse(format(x)) equals parse(x)
// structurally (see same_structure).
#pragma once

#include <string>

#include "cepheus/dsl/ast.h"

namespace cepheus::dsl {

std::string format_file(const RuleFile& file);

// Expression text in canonical form, with the fewest parentheses that keep its
// meaning (for messages and the studio's forms).
std::string format_expression(const Expr& expr);

// True when two statement lists mean the same: same kinds, names, clauses and
// expressions, ignoring spans, comments, quoting and how durations are spelt.
bool same_structure(const RuleFile& a, const RuleFile& b);

}  // namespace cepheus::dsl
