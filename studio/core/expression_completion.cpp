#include "expression_completion.h"

#include <algorithm>
#include <cctype>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/vocabulary.h"

namespace cepheus::studio {
namespace {

using dsl::StatementKind;

bool starts_with_folded(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

std::string type_text(const Field& field) {
  return std::string(value_type_name(field.type)) + (field.optional ? "?" : "");
}

// Collects candidates without duplicates, in the order they are found.
class Candidates {
 public:
  explicit Candidates(std::string_view word) : word_(word) {}

  void add(std::string text, std::string detail) {
    if (!starts_with_folded(text, word_)) return;
    if (std::any_of(items_.begin(), items_.end(), [&](const Completion& c) { return c.text == text; })) return;
    items_.push_back({std::move(text), std::move(detail)});
  }
  void fields(const Schema& schema, const std::string& prefix, const std::string& from) {
    for (const Field& field : schema.fields()) add(prefix + field.name, type_text(field) + ", from " + from);
  }
  std::vector<Completion> take(std::size_t limit) {
    if (items_.size() > limit) items_.resize(limit);
    return std::move(items_);
  }

 private:
  std::string_view word_;
  std::vector<Completion> items_;
};

}  // namespace

std::string_view word_before_cursor(std::string_view typed) {
  std::size_t start = typed.size();
  while (start > 0) {
    const auto c = static_cast<unsigned char>(typed[start - 1]);
    if (!std::isalnum(c) && c != '_' && c != '.') break;
    --start;
  }
  return typed.substr(start);
}

std::vector<Completion> complete_expression(const RuleTexts& texts, std::string_view statement, std::string_view typed,
                                            std::size_t limit) {
  dsl::Diagnostics diagnostics;
  const dsl::Project project = parse_texts(texts, diagnostics);
  const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
  const ProjectGraph graph = extract_graph(project);
  const GraphNode* node = graph.find(statement);
  const std::string_view word = word_before_cursor(typed);
  Candidates candidates(word);
  if (!node) return {};

  auto checked_of = [&](const std::string& name) -> const dsl::CheckedStatement* {
    const auto id = checked.find(name);
    return id ? &checked.statements[*id] : nullptr;
  };
  // A twin's own properties are bare names in its updates.
  if (node->kind == StatementKind::kTwin)
    if (const auto* self = checked_of(node->name))
      candidates.fields(*std::get<dsl::CheckedTwin>(self->body).properties, "", node->name);
  for (const GraphWire& wire : graph.wires) {
    if (wire.to != node->name) continue;
    const dsl::CheckedStatement* upstream = checked_of(wire.from);
    if (!upstream) continue;
    if (const auto* table = std::get_if<dsl::CheckedTable>(&upstream->body)) {
      candidates.fields(*table->schema, wire.from + ".", wire.from);
    } else if (const auto* twin = std::get_if<dsl::CheckedTwin>(&upstream->body); twin && wire.port == Port::kRead) {
      candidates.fields(*twin->properties, wire.from + ".", wire.from);
    } else if (upstream->output) {
      candidates.fields(*upstream->output, "", wire.from);
    }
  }
  // Pattern steps are read as binding.field.
  if (const auto* self = checked_of(node->name))
    if (const auto* pattern = std::get_if<dsl::CheckedPattern>(&self->body))
      for (const dsl::CheckedStep& step : pattern->steps)
        if (!step.name.empty() && checked.statements[step.stream].output)
          candidates.fields(*checked.statements[step.stream].output, step.name + ".",
                            "step " + step.name + " (" + checked.statements[step.stream].name + ")");
  // Twins are readable from every rule that does not feed them.
  for (const dsl::CheckedStatement& other : checked.statements)
    if (const auto* twin = std::get_if<dsl::CheckedTwin>(&other.body); twin && other.name != node->name)
      candidates.fields(*twin->properties, other.name + ".", "twin " + other.name);

  for (const std::string_view name : dsl::scalar_function_names()) candidates.add(std::string(name) + "(", "function");
  if (node->kind == StatementKind::kWindow || node->kind == StatementKind::kPattern)
    for (const std::string_view name : dsl::aggregate_function_names())
      candidates.add(std::string(name) + "(", "aggregate");
  return candidates.take(limit);
}

}  // namespace cepheus::studio
