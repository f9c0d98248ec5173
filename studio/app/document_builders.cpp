// The inspector's structured editors: a pattern's steps and a schema's fields
// as rows that QML lists and combo boxes edit, turned back into clause text
// that setFormField judges.
#include <algorithm>

#include "field_rows.h"
#include "pattern_rows.h"
#include "project_document.h"

namespace cepheus::studio {
namespace {

QString q(const std::string& text) {
  return QString::fromStdString(text);
}
std::string s(const QVariant& value) {
  return value.toString().toStdString();
}

QString kind_word(PatternRow::Kind kind) {
  switch (kind) {
    case PatternRow::Kind::kStep: return "step";
    case PatternRow::Kind::kAbsence: return "absence";
    case PatternRow::Kind::kGroup: return "group";
  }
  return "step";
}

PatternRow::Kind kind_of(const QString& word) {
  if (word == "absence") return PatternRow::Kind::kAbsence;
  if (word == "group") return PatternRow::Kind::kGroup;
  return PatternRow::Kind::kStep;
}

}  // namespace

QVariantList ProjectDocument::patternSteps(const QString& match) const {
  const auto rows = read_pattern_rows(match.toStdString());
  if (!rows.ok()) return {};
  QVariantList out;
  for (const PatternRow& row : *rows) {
    out.append(QVariantMap{{"connector", q(row.connector)},
                           {"every", row.every},
                           {"kind", kind_word(row.kind)},
                           {"binding", q(row.binding)},
                           {"stream", q(row.stream)},
                           {"count", q(step_count_words()[static_cast<std::size_t>(row.count)])},
                           {"min", static_cast<int>(row.min)},
                           {"max", static_cast<int>(row.max)},
                           {"reluctant", row.reluctant},
                           {"where", q(row.where)},
                           {"within", q(row.within)},
                           {"text", q(row.text)}});
  }
  return out;
}

QString ProjectDocument::patternText(const QVariantList& steps) const {
  std::vector<PatternRow> rows;
  for (const QVariant& step : steps) {
    const QVariantMap map = step.toMap();
    PatternRow row;
    row.kind = kind_of(map.value("kind").toString());
    row.connector = s(map.value("connector"));
    row.every = map.value("every").toBool();
    row.binding = s(map.value("binding"));
    row.stream = s(map.value("stream"));
    row.count = step_count_from_word(s(map.value("count", "once")));
    row.min = map.value("min", 1).toLongLong();
    row.max = map.value("max", 1).toLongLong();
    row.reluctant = map.value("reluctant").toBool();
    row.where = s(map.value("where"));
    row.within = s(map.value("within"));
    row.text = s(map.value("text"));
    rows.push_back(std::move(row));
  }
  return q(write_pattern_rows(rows));
}

QVariantList ProjectDocument::fieldRows(const QString& block) const {
  const auto rows = read_field_rows(block.toStdString());
  if (!rows.ok()) return {};
  QVariantList out;
  for (const FieldRow& row : *rows)
    out.append(QVariantMap{{"name", q(row.name)},
                           {"type", q(row.type)},
                           {"optional", row.optional},
                           {"defaultValue", q(row.default_value)},
                           {"comment", q(row.comment)}});
  return out;
}

QString ProjectDocument::fieldText(const QVariantList& rows) const {
  std::vector<FieldRow> fields;
  for (const QVariant& value : rows) {
    const QVariantMap map = value.toMap();
    fields.push_back({s(map.value("name")), s(map.value("type", "string")), map.value("optional").toBool(),
                      s(map.value("defaultValue")), s(map.value("comment"))});
  }
  return q(write_field_rows(fields));
}

QStringList ProjectDocument::fieldTypes() const {
  QStringList out;
  for (const std::string& name : field_type_names()) out << q(name);
  return out;
}

QStringList ProjectDocument::streamNames() const {
  QStringList out;
  for (const GraphNode& node : graph_.nodes)
    if (produces_events(node.kind)) out << q(node.name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace cepheus::studio
