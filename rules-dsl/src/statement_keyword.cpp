#include "cepheus/dsl/ast.h"

namespace cepheus::dsl {

std::string_view statement_keyword(StatementKind kind) {
  switch (kind) {
    case StatementKind::kSchema: return "schema";
    case StatementKind::kSource: return "source";
    case StatementKind::kTable: return "table";
    case StatementKind::kStream: return "stream";
    case StatementKind::kWindow: return "window";
    case StatementKind::kTwin: return "twin";
    case StatementKind::kPattern: return "pattern";
    case StatementKind::kAlert: return "alert";
    case StatementKind::kSink: return "sink";
  }
  return "statement";
}

}  // namespace cepheus::dsl
