// The text side of ProjectDocument: the editor's typing, positions in the
// text, and the inspector's forms.
#include "edit_commands.h"
#include "expression_completion.h"
#include "project_document.h"
#include "schema_inference.h"
#include "statement_form.h"
#include "text_offsets.h"

namespace cepheus::studio {
namespace {

QVariantMap form_map(const StatementForm& form) {
  QVariantList fields;
  for (const FormField& field : form.fields) {
    QStringList choices;
    for (const std::string& choice : field.choices) choices << QString::fromStdString(choice);
    fields << QVariantMap{{"key", QString::fromStdString(field.key)},
                          {"label", QString::fromStdString(field.label)},
                          {"value", QString::fromStdString(field.value)},
                          {"required", field.required},
                          {"multiline", field.multiline},
                          {"choices", choices},
                          {"placeholder", QString::fromStdString(field.placeholder)}};
  }
  return {{"name", QString::fromStdString(form.name)},
          {"kind", QString::fromStdString(std::string(dsl::statement_keyword(form.kind)))},
          {"fields", fields}};
}

}  // namespace

void ProjectDocument::setCurrentText(const QString& text) {
  if (applying_ || current_file_ >= static_cast<int>(texts_.size())) return;
  const std::string next_text = text.toStdString();
  if (texts_[static_cast<std::size_t>(current_file_)].text == next_text) return;
  State next = state();
  next.texts[static_cast<std::size_t>(current_file_)].text = next_text;
  undo_stack_.push(new RuleEditCommand(*this, tr("Edit %1").arg(currentPath()), state(), std::move(next),
                                       RuleEditCommand::Merge::kTyping, current_file_));
}

int ProjectDocument::selectAtText(int position) {
  if (current_file_ >= static_cast<int>(texts_.size())) return -1;
  const std::uint32_t offset = TextOffsets(texts_[static_cast<std::size_t>(current_file_)].text).bytes(position);
  for (const GraphNode& node : graph_.nodes) {
    if (static_cast<int>(node.file) != current_file_ || offset < node.span.begin || offset > node.span.end) continue;
    set_selection({node.name});
    return ids_.at(node.name);
  }
  return -1;
}

QVariantMap ProjectDocument::definitionOf(const QString& name) const {
  const GraphNode* node = graph_.find(name.toStdString());
  if (!node || node->file >= texts_.size()) return {};
  const TextOffsets offsets(texts_[node->file].text);
  return {{"file", static_cast<int>(node->file)},
          {"begin", offsets.chars(node->name_span.begin)},
          {"end", offsets.chars(node->name_span.end)}};
}

QString ProjectDocument::problemAt(int position) const {
  QStringList lines;
  for (const ProblemRow& problem : problems_.rows()) {
    if (problem.file != current_file_ || position < problem.begin || position >= problem.end) continue;
    lines << problem.severity + ": " + problem.message + (problem.hint.isEmpty() ? QString() : "\n" + problem.hint);
  }
  return lines.join("\n");
}

QVariantMap ProjectDocument::revealNode(int id) {
  const GraphNode* node = graph_.find(name_of(id));
  if (!node || node->file >= texts_.size()) return {};
  setCurrentFile(static_cast<int>(node->file));
  const TextOffsets offsets(texts_[node->file].text);
  return {{"file", static_cast<int>(node->file)},
          {"begin", offsets.chars(node->span.begin)},
          {"end", offsets.chars(node->span.end)}};
}

QVariantList ProjectDocument::currentDiagnostics() const {
  QVariantList spans;
  for (const ProblemRow& problem : problems_.rows())
    if (problem.file == current_file_)
      spans << QVariantMap{{"begin", problem.begin}, {"end", problem.end}, {"severity", problem.severity}};
  return spans;
}

QString ProjectDocument::statementText(int id) const {
  const GraphNode* node = graph_.find(name_of(id));
  if (!node || node->file >= texts_.size()) return {};
  return QString::fromStdString(texts_[node->file].text.substr(node->span.begin, node->span.size()));
}

bool ProjectDocument::setStatementText(int id, const QString& text) {
  const std::string name = name_of(id);
  if (name.empty()) return false;
  return push_texts(tr("Edit %1").arg(QString::fromStdString(name)),
                    replace_statement(texts_, name, text.toStdString()), positions_);
}

QVariantMap ProjectDocument::formOf(int id) const {
  const auto canonical = canonical_statement(statementText(id).toStdString());
  if (!canonical.ok()) return {};
  const auto form = read_form(*canonical);
  if (!form.ok()) return {};
  return form_map(*form);
}

bool ProjectDocument::setFormField(int id, const QString& key, const QString& value) {
  const std::string name = name_of(id);
  const auto canonical = canonical_statement(statementText(id).toStdString());
  if (name.empty() || !canonical.ok()) return false;
  auto form = read_form(*canonical);
  if (!form.ok()) {
    refuse(QString::fromStdString(form.status().message()));
    return false;
  }
  FormField* field = form->find(key.toStdString());
  if (!field) {
    refuse(
        tr("a %1 has no field '%2'").arg(QString::fromStdString(std::string(dsl::statement_keyword(form->kind))), key));
    return false;
  }
  if (field->value == value.toStdString()) return true;
  field->value = value.toStdString();
  const auto text = write_form(*form);
  if (!text.ok()) {
    refuse(QString::fromStdString(field->label + ": " + text.status().message()));
    return false;
  }
  return push_texts(
      tr("Edit %1 of %2").arg(QString::fromStdString(field->label).toLower(), QString::fromStdString(name)),
      replace_statement(texts_, name, *text), positions_);
}

QVariantList ProjectDocument::completions(int id, const QString& typed) const {
  QVariantList out;
  for (const Completion& completion : complete_expression(texts_, name_of(id), typed.toStdString()))
    out << QVariantMap{{"text", QString::fromStdString(completion.text)},
                       {"detail", QString::fromStdString(completion.detail)}};
  return out;
}

QVariantMap ProjectDocument::inferSchema(const QString& sample) const {
  const auto inferred = infer_schema_fields(sample.toStdString());
  if (!inferred.ok()) return {{"ok", false}, {"error", QString::fromStdString(inferred.status().message())}};
  QStringList skipped;
  for (const std::string& name : inferred->skipped) skipped << QString::fromStdString(name);
  return {{"ok", true}, {"fields", QString::fromStdString(inferred->fields)}, {"skipped", skipped}};
}

}  // namespace cepheus::studio
