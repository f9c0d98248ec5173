#include <algorithm>

#include "cepheus/dsl/formatter.h"
#include "format_internal.h"

namespace cepheus::dsl {
namespace {

constexpr std::uint32_t kNoSource = UINT32_MAX;

// Writes lines and puts the source's comments back between them.
class Printer {
 public:
  explicit Printer(const RuleFile& file) : file_(file) {}

  // A line of output for the source text starting at `source_begin` (kNoSource
  // when it has no single source place). Own-line comments before it come first.
  void line(int indent, const std::string& text, std::uint32_t source_begin, std::uint32_t source_end) {
    if (source_begin != kNoSource) flush_before(source_begin, indent);
    out_.append(static_cast<std::size_t>(indent), ' ');
    out_ += text;
    if (source_end != kNoSource) attach_trailing(source_end);
    out_ += '\n';
  }
  void blank() {
    if (!out_.empty() && !out_.ends_with("\n\n")) out_ += '\n';
  }
  // Comments before `offset` that were not printed yet.
  void flush_before(std::uint32_t offset, int indent) {
    while (next_ < file_.comments.size() && file_.comments[next_].span.begin < offset) {
      out_.append(static_cast<std::size_t>(indent), ' ');
      out_ += file_.comments[next_].text;
      out_ += '\n';
      ++next_;
    }
  }
  std::string finish() {
    flush_before(UINT32_MAX, 0);
    return out_;
  }

 private:
  // A comment that follows `source_end` on the same source line ends this line.
  void attach_trailing(std::uint32_t source_end) {
    if (next_ >= file_.comments.size() || file_.source == nullptr) return;
    const Comment& comment = file_.comments[next_];
    if (comment.own_line || comment.span.begin < source_end) return;
    const std::string_view between = file_.source->text().substr(source_end, comment.span.begin - source_end);
    if (between.find('\n') != std::string_view::npos) return;
    out_ += "  ";
    out_ += comment.text;
    ++next_;
  }

  const RuleFile& file_;
  std::string out_;
  std::size_t next_ = 0;
};

std::string names(const std::vector<Name>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + format_name(list[i].text);
  return out;
}

std::string select_list(const std::vector<SelectItem>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    if (!items[i].expr) {
      out += '*';
      continue;
    }
    out += format_expression(*items[i].expr);
    if (items[i].alias) out += " as " + format_name(items[i].alias->text);
  }
  return out;
}

std::string field_text(const FieldDecl& field) {
  std::string text = format_name(field.name.text) + ": " + field.type.text + (field.optional ? "?" : "");
  if (field.default_value) text += " = " + format_expression(*field.default_value);
  return text + ",";
}

std::string targets(const std::vector<Target>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    out += list[i].kind.text;
    if (list[i].address) out += " " + quote_string(list[i].address->value);
    if (list[i].qos) out += " qos " + std::to_string(*list[i].qos);
    if (list[i].retain) out += " retain";
    if (list[i].broker) out += " broker " + format_name(list[i].broker->text);
  }
  return out;
}

std::string quantifier_text(const Quantifier& q) {
  if (!q.written) return "";
  std::string out;
  if (q.min == 1 && !q.max) {
    out = "+";
  } else if (q.min == 0 && !q.max) {
    out = "*";
  } else if (q.min == 0 && q.max == 1) {
    out = "?";
  } else if (q.max && *q.max == q.min) {
    out = "{" + std::to_string(q.min) + "}";
  } else {
    out = "{" + std::to_string(q.min) + "," + (q.max ? std::to_string(*q.max) : "") + "}";
  }
  if (q.reluctant) out += " reluctant";
  return out;
}

std::string pattern_inline(const PatternNode& node);

std::string step_text(const PatternNode& node) {
  std::string out = node.every ? "every " : "";
  if (node.kind == PatternNodeKind::kAbsence) {
    out += "not " + format_name(node.stream.text);
  } else {
    if (node.binding) out += format_name(node.binding->text) + ": ";
    out += format_name(node.stream.text) + quantifier_text(node.quantifier);
  }
  if (node.where) out += " where " + format_expression(*node.where);
  if (node.within) out += " within " + canonical_duration(node.within->text);
  return out;
}

std::string connector(Contiguity contiguity) {
  switch (contiguity) {
    case Contiguity::kStrict: return "next";
    case Contiguity::kRelaxed: return "then";
    case Contiguity::kRelaxedAny: return "then any";
  }
  return "then";
}

std::string pattern_inline(const PatternNode& node) {
  switch (node.kind) {
    case PatternNodeKind::kStep:
    case PatternNodeKind::kAbsence: return step_text(node);
    case PatternNodeKind::kSequence: {
      std::string out = node.every ? "every (" : "";
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i) out += " " + connector(node.contiguity[i - 1]) + " ";
        out += pattern_inline(*node.items[i]);
      }
      return node.every ? out + ")" : out;
    }
    case PatternNodeKind::kAnd:
    case PatternNodeKind::kOr: {
      std::string out = node.every ? "every (" : "(";
      const char* op = node.kind == PatternNodeKind::kAnd ? " and " : " or ";
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i) out += op;
        const bool nested_group =
            node.items[i]->kind == PatternNodeKind::kAnd || node.items[i]->kind == PatternNodeKind::kOr;
        (void)nested_group;
        out += pattern_inline(*node.items[i]);
      }
      return out + ")";
    }
  }
  return "";
}

void print_match(Printer& p, const PatternNode& match) {
  // A top-level sequence puts each step after the first on its own line.
  if (match.kind != PatternNodeKind::kSequence || match.every) {
    p.line(2, "match " + pattern_inline(match), match.span.begin, match.span.end);
    return;
  }
  const PatternNode& first = *match.items[0];
  p.line(2, "match " + pattern_inline(first), first.span.begin, first.span.end);
  for (std::size_t i = 1; i < match.items.size(); ++i) {
    const PatternNode& item = *match.items[i];
    p.line(4, connector(match.contiguity[i - 1]) + " " + pattern_inline(item), item.span.begin, item.span.end);
  }
}

void print_statement(Printer& p, const Statement& s) {
  const std::string head = std::string(statement_keyword(s.kind)) + " " + format_name(s.name.text);
  const std::uint32_t begin = s.span.begin;
  if (const auto* schema = std::get_if<SchemaStmt>(&s.body)) {
    p.line(0, head + " {", begin, kNoSource);
    for (const FieldDecl& field : schema->fields) p.line(2, field_text(field), field.span.begin, field.span.end);
    p.line(0, "}", kNoSource, s.span.end);
  } else if (const auto* source = std::get_if<SourceStmt>(&s.body)) {
    p.line(0, head + ": " + format_name(source->schema.text), begin, source->schema.span.end);
    std::string from = "from " + source->connector.kind.text + " " + quote_string(source->connector.target.value);
    if (source->connector.qos) from += " qos " + std::to_string(*source->connector.qos);
    if (source->connector.broker) from += " broker " + format_name(source->connector.broker->text);
    p.line(2, from, source->connector.kind.span.begin, source->connector.target.span.end);
    if (source->format)
      p.line(2, "format " + source->format->text, source->format->span.begin, source->format->span.end);
    if (source->processing_time) {
      p.line(2, "processing time", source->time_span.begin, source->time_span.end);
    } else if (source->time_field) {
      std::string time = "event time " + format_name(source->time_field->text);
      if (source->lateness) time += " lateness " + canonical_duration(source->lateness->text);
      p.line(2, time, source->time_span.begin, source->time_span.end);
    }
    if (source->idle_after) {
      p.line(2, "idle after " + canonical_duration(source->idle_after->text), source->idle_after->span.begin,
             source->idle_after->span.end);
    }
  } else if (const auto* table = std::get_if<TableStmt>(&s.body)) {
    p.line(0, head + ": " + format_name(table->schema.text), begin, table->schema.span.end);
    std::string from = "from " + table->kind.text + " " + quote_string(table->path.value);
    if (table->query) from += " query " + quote_string(table->query->value);
    p.line(2, from, table->kind.span.begin, table->query ? table->query->span.end : table->path.span.end);
    p.line(2, "key " + format_name(table->key.text), table->key.span.begin, table->key.span.end);
  } else if (const auto* stream = std::get_if<StreamStmt>(&s.body)) {
    p.line(0, head + " from " + format_name(stream->input.text), begin, stream->input.span.end);
    if (stream->join) {
      std::string join =
          "join " + format_name(stream->join->table.text) + " on " + format_name(stream->join->left_field.text);
      if (stream->join->right_field) {
        join += " = " + format_name(stream->join->table.text) + "." + format_name(stream->join->right_field->text);
      }
      p.line(2, join, stream->join->span.begin, stream->join->span.end);
    }
    if (stream->where)
      p.line(2, "where " + format_expression(*stream->where), stream->where->span.begin, stream->where->span.end);
    if (!stream->select.empty()) {
      p.line(2, "select " + select_list(stream->select), stream->select.front().span.begin,
             stream->select.back().span.end);
    }
  } else if (const auto* window = std::get_if<WindowStmt>(&s.body)) {
    p.line(0, head + " from " + format_name(window->input.text), begin, window->input.span.end);
    if (!window->group_by.empty()) {
      p.line(2, "group by " + names(window->group_by), window->group_by.front().span.begin,
             window->group_by.back().span.end);
    }
    const WindowSpec& spec = window->spec;
    std::string kind = spec.kind.text;
    if (kind == "tumbling") kind += " " + canonical_duration(spec.size->text);
    if (kind == "sliding")
      kind += " " + canonical_duration(spec.size->text) + " every " + canonical_duration(spec.every->text);
    if (kind == "session") kind += " gap " + canonical_duration(spec.size->text);
    if (kind == "count") {
      kind += " " + std::to_string(*spec.count);
      if (spec.count_every) kind += " every " + std::to_string(*spec.count_every);
    }
    p.line(2, kind, spec.span.begin, spec.span.end);
    if (window->where)
      p.line(2, "where " + format_expression(*window->where), window->where->span.begin, window->where->span.end);
    if (!window->compute.empty()) {
      p.line(2, "compute " + select_list(window->compute), window->compute.front().span.begin,
             window->compute.back().span.end);
    }
    if (window->having) {
      p.line(2, "having " + format_expression(*window->having), window->having->span.begin, window->having->span.end);
    }
  } else if (const auto* twin = std::get_if<TwinStmt>(&s.body)) {
    p.line(0, head + " key " + format_name(twin->key.text) + " {", begin, kNoSource);
    for (const FieldDecl& field : twin->properties) p.line(2, field_text(field), field.span.begin, field.span.end);
    p.line(0, "}", kNoSource, kNoSource);
    for (const TwinUpdate& update : twin->updates) {
      std::string text = "on " + format_name(update.input.text);
      if (update.where) text += " where " + format_expression(*update.where);
      text += " set ";
      for (std::size_t i = 0; i < update.assignments.size(); ++i) {
        if (i) text += ", ";
        text +=
            format_name(update.assignments[i].property.text) + " = " + format_expression(*update.assignments[i].value);
      }
      p.line(2, text, update.span.begin, update.span.end);
    }
    if (twin->expire_after) {
      p.line(2, "expire after " + canonical_duration(twin->expire_after->text), twin->expire_after->span.begin,
             twin->expire_after->span.end);
    }
  } else if (const auto* pattern = std::get_if<PatternStmt>(&s.body)) {
    p.line(0, head, begin, s.name.span.end);
    if (!pattern->partition_by.empty()) {
      p.line(2, "partition by " + names(pattern->partition_by), pattern->partition_by.front().span.begin,
             pattern->partition_by.back().span.end);
    }
    if (pattern->within) {
      p.line(2, "within " + canonical_duration(pattern->within->text), pattern->within->span.begin,
             pattern->within->span.end);
    }
    if (pattern->expire_after) {
      p.line(2, "expire after " + canonical_duration(pattern->expire_after->text), pattern->expire_after->span.begin,
             pattern->expire_after->span.end);
    }
    print_match(p, *pattern->match);
    if (pattern->skip) {
      std::string skip = "skip " + pattern->skip->kind.text;
      if (pattern->skip->step) skip += " " + format_name(pattern->skip->step->text);
      p.line(2, skip, pattern->skip->span.begin, pattern->skip->span.end);
    }
    if (!pattern->select.empty()) {
      p.line(2, "select " + select_list(pattern->select), pattern->select.front().span.begin,
             pattern->select.back().span.end);
    }
  } else if (const auto* alert = std::get_if<AlertStmt>(&s.body)) {
    p.line(0, head + " from " + format_name(alert->input.text), begin, alert->input.span.end);
    if (alert->where)
      p.line(2, "where " + format_expression(*alert->where), alert->where->span.begin, alert->where->span.end);
    if (alert->severity)
      p.line(2, "severity " + alert->severity->text, alert->severity->span.begin, alert->severity->span.end);
    if (alert->message) {
      p.line(2, "message " + quote_string(alert->message->value), alert->message->span.begin, alert->message->span.end);
    }
    if (alert->throttle) {
      std::string throttle = "throttle " + canonical_duration(alert->throttle->text);
      if (!alert->throttle_per.empty()) throttle += " per " + names(alert->throttle_per);
      p.line(2, throttle, alert->throttle->span.begin,
             alert->throttle_per.empty() ? alert->throttle->span.end : alert->throttle_per.back().span.end);
    }
    if (!alert->targets.empty()) {
      p.line(2, "to " + targets(alert->targets), alert->targets.front().span.begin, alert->targets.back().span.end);
    }
  } else if (const auto* sink = std::get_if<SinkStmt>(&s.body)) {
    p.line(0, head + " from " + format_name(sink->input.text), begin, sink->input.span.end);
    p.line(2, "to " + targets(sink->targets), sink->targets.front().span.begin, sink->targets.back().span.end);
  }
}

}  // namespace

std::string format_file(const RuleFile& file) {
  Printer printer(file);
  for (std::size_t i = 0; i < file.statements.size(); ++i) {
    if (i) printer.blank();
    print_statement(printer, file.statements[i]);
  }
  std::string out = printer.finish();
  return out;
}

}  // namespace cepheus::dsl
