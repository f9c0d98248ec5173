// Templates: "Device {device} overheated {count} times". Placeholders are found
// in the literal's source text, so that their spans point at the right column.
#include "cepheus/dsl/parser.h"
#include "check_context.h"

namespace cepheus::dsl {
namespace {

// Literal text between placeholders: escapes decoded, "\{" and "\}" made braces.
std::string literal_text(std::string_view raw) {
  std::string decoded = decode_string_literal("\"" + std::string(raw) + "\"");
  std::string out;
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    if (decoded[i] == '\\' && i + 1 < decoded.size() && (decoded[i + 1] == '{' || decoded[i + 1] == '}')) continue;
    out += decoded[i];
  }
  return out;
}

}  // namespace

std::vector<TemplatePart> bind_template(const StringLiteral& literal, const Scope& scope, CheckContext& context) {
  std::vector<TemplatePart> parts;
  const SourceFile& file = *context.file();
  const std::string_view raw = file.slice(literal.span);
  if (raw.size() < 2) return parts;
  const std::uint32_t base = literal.span.begin;
  std::size_t text_start = 1;
  std::size_t i = 1;
  const std::size_t end = raw.size() - 1;  // the closing quote
  auto flush_text = [&](std::size_t until) {
    if (until > text_start) parts.push_back({literal_text(raw.substr(text_start, until - text_start)), std::nullopt});
  };
  while (i < end) {
    if (raw[i] == '\\') {
      i += 2;
      continue;
    }
    if (raw[i] == '}') {
      context.error({base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(i + 1)},
                    "a '}' without its '{'", "write \\} for a literal brace");
      ++i;
      continue;
    }
    if (raw[i] != '{') {
      ++i;
      continue;
    }
    const std::size_t close = raw.find('}', i + 1);
    const Span open_span{base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(i + 1)};
    if (close == std::string_view::npos || close > end) {
      context.error(open_span, "this placeholder is not closed with '}'", "write \\{ for a literal brace");
      break;
    }
    flush_text(i);
    const std::string_view inner = raw.substr(i + 1, close - i - 1);
    if (inner.find_first_not_of(" \t") == std::string_view::npos) {
      context.error({open_span.begin, base + static_cast<std::uint32_t>(close + 1)}, "an empty placeholder",
                    "put a field in it, e.g. {device}");
    } else if (ExprPtr expr = parse_embedded_expression(inner, base + static_cast<std::uint32_t>(i + 1), file,
                                                        context.diagnostics())) {
      if (auto bound = bind_expression(*expr, scope, context)) parts.push_back({"", std::move(*bound)});
    }
    i = close + 1;
    text_start = i;
  }
  flush_text(end);
  return parts;
}

}  // namespace cepheus::dsl
