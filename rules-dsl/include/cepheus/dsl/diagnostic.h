// Diagnostics: what the front end says about rule text.
//
// The lexer, parser and checker keep going after a problem and add one
// Diagnostic per problem to a Diagnostics list, so one run reports all it can.
// Rendering gives the compiler-style text users see:
//
//   rules/main.cep:14:24: error: unknown field 'temperature' in stream 'readings'
//      14 |   match every hot: readings{3} where temperature > 80 within 60s
//         |                                      ^~~~~~~~~~~
//   hint: did you mean 'temp'?
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cepheus/dsl/source.h"

namespace cepheus::dsl {

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  const SourceFile* file = nullptr;  // the file the span points into
  Span span;
  std::string message;  // what is wrong
  std::string hint;     // how to fix it; may be empty
};

class Diagnostics {
 public:
  // At most this many are kept; past it one final note says how many were left out.
  static constexpr std::size_t kMaxKept = 500;

  void error(const SourceFile& file, Span span, std::string message, std::string hint = {});
  void warning(const SourceFile& file, Span span, std::string message, std::string hint = {});
  void add(Diagnostic diagnostic);

  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  std::size_t dropped() const { return dropped_; }
  bool has_errors() const { return errors_ > 0; }

  // Sorts by file, then position, so output is stable whatever order checks ran in.
  void sort();

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
};

// "path:line:col: error: message", the source line, a caret line, "hint: ...".
std::string render_text(const Diagnostic& diagnostic);
// One JSON object: {"file":..,"line":..,"column":..,"end_line":..,"end_column":..,
// "severity":..,"message":..,"hint":..}
std::string render_json(const Diagnostic& diagnostic);

std::string_view severity_name(Severity severity);

}  // namespace cepheus::dsl
