// The checker's driver: names, references, order, then each statement.
#include <algorithm>
#include <cctype>
#include <functional>
#include <queue>
#include <set>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/suggest.h"
#include "check_statements.h"

namespace cepheus::dsl {
namespace {

// Calls `fn` on every expression of a statement, nested ones included.
void for_each_expression(const Statement& s, const std::function<void(const Expr&)>& fn) {
  std::function<void(const Expr&)> walk = [&](const Expr& e) {
    fn(e);
    for (const ExprPtr& arg : e.args) walk(*arg);
  };
  auto maybe = [&](const ExprPtr& e) {
    if (e) walk(*e);
  };
  auto items = [&](const std::vector<SelectItem>& list) {
    for (const SelectItem& item : list) maybe(item.expr);
  };
  std::function<void(const PatternNode&)> steps = [&](const PatternNode& node) {
    maybe(node.where);
    for (const PatternNodePtr& item : node.items) steps(*item);
  };
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, StreamStmt>) {
          maybe(body.where);
          items(body.select);
        } else if constexpr (std::is_same_v<T, WindowStmt>) {
          maybe(body.where);
          items(body.compute);
          maybe(body.having);
        } else if constexpr (std::is_same_v<T, TwinStmt>) {
          for (const TwinUpdate& update : body.updates) {
            maybe(update.where);
            for (const Assignment& a : update.assignments) maybe(a.value);
          }
        } else if constexpr (std::is_same_v<T, PatternStmt>) {
          steps(*body.match);
          items(body.select);
        } else if constexpr (std::is_same_v<T, AlertStmt>) {
          maybe(body.where);
        }
      },
      s.body);
}

// The statements a statement reads events, rows, twin properties or shapes
// from, by name, with the span of each reference.
std::vector<std::pair<std::string, Span>> references(const Statement& s, const CheckContext& context) {
  std::vector<std::pair<std::string, Span>> out;
  auto add = [&out](const Name& name) { out.emplace_back(name.text, name.span); };
  auto is_twin = [&context](std::string_view name) {
    auto it = context.symbols.find(name);
    return it != context.symbols.end() && it->second.syntax->kind == StatementKind::kTwin;
  };
  for_each_expression(s, [&](const Expr& e) {
    if (e.kind == ExprKind::kField && e.path.size() == 2 && e.path[0].text != s.name.text && is_twin(e.path[0].text)) {
      add(e.path[0]);
    }
  });
  // A message placeholder may read a twin: "{device_state.baseline}". Every name
  // directly followed by '.' in the message is looked up, so this stays linear.
  if (const auto* alert = std::get_if<AlertStmt>(&s.body); alert && alert->message) {
    const std::string& message = alert->message->value;
    auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t i = 0; i < message.size(); ++i) {
      if (!is_name_char(message[i]) || (i > 0 && is_name_char(message[i - 1]))) continue;
      std::size_t end = i;
      while (end < message.size() && is_name_char(message[end])) ++end;
      if (end < message.size() && message[end] == '.' && is_twin(std::string_view(message).substr(i, end - i))) {
        out.emplace_back(message.substr(i, end - i), alert->message->span);
      }
      i = end;
    }
  }
  std::function<void(const PatternNode&)> steps = [&](const PatternNode& node) {
    if (node.kind == PatternNodeKind::kStep || node.kind == PatternNodeKind::kAbsence) add(node.stream);
    for (const PatternNodePtr& item : node.items) steps(*item);
  };
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, SourceStmt> || std::is_same_v<T, TableStmt>) add(body.schema);
        if constexpr (std::is_same_v<T, StreamStmt>) {
          add(body.input);
          if (body.join) add(body.join->table);
        }
        if constexpr (std::is_same_v<T, WindowStmt> || std::is_same_v<T, AlertStmt> || std::is_same_v<T, SinkStmt>) {
          add(body.input);
        }
        if constexpr (std::is_same_v<T, TwinStmt>) {
          for (const TwinUpdate& update : body.updates) add(update.input);
        }
        if constexpr (std::is_same_v<T, PatternStmt>) steps(*body.match);
      },
      s.body);
  return out;
}

class Driver {
 public:
  Driver(const Project& project, Diagnostics& diagnostics) : project_(project), context_(diagnostics) {}

  CheckedProject run() {
    collect_symbols();
    order_statements();
    for (const StatementRef* ref : ordered_) check(*ref);
    // What a statement that did not parse reads is unknown, so "never used" could be wrong.
    if (context_.broken.empty()) warn_unused();
    CheckedProject out;
    out.statements = std::move(context_.checked);
    return out;
  }

 private:
  void collect_symbols() {
    std::size_t count = 0;
    for (const RuleFile& file : project_.files()) {
      context_.broken.insert(file.broken_names.begin(), file.broken_names.end());
      context_.set_file(file.source);
      for (const Statement& s : file.statements) {
        if (++count > kMaxStatements) {
          context_.error(s.span, "a project may have at most " + std::to_string(kMaxStatements) + " statements");
          return;
        }
        auto [it, inserted] = context_.symbols.emplace(s.name.text, StatementRef{&s, file.source});
        if (!inserted) {
          const LineColumn first = it->second.file->position(it->second.syntax->name.span.begin);
          context_.error(s.name.span, "'" + s.name.text + "' is already defined",
                         "names are unique in a project; the first '" + s.name.text + "' is at " +
                             it->second.file->path() + ":" + std::to_string(first.line) + ":" +
                             std::to_string(first.column));
          continue;
        }
        all_.push_back(&it->second);
      }
    }
  }

  // Orders statements so that each comes after what it references, keeping the
  // order they are written in wherever the references allow (Kahn's algorithm,
  // always taking the earliest-written ready statement). Statements on a cycle
  // are reported and left out.
  void order_statements() {
    const std::size_t n = all_.size();
    std::map<const Statement*, std::size_t> position;
    for (std::size_t i = 0; i < n; ++i) position[all_[i]->syntax] = i;
    std::vector<std::vector<std::size_t>> readers(n);
    std::vector<std::size_t> waiting(n, 0);
    std::vector<std::vector<std::pair<std::size_t, Span>>> uses(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::set<std::size_t> seen;
      for (const auto& [name, span] : references(*all_[i]->syntax, context_)) {
        auto it = context_.symbols.find(name);
        if (it == context_.symbols.end()) continue;  // reported when the statement is checked
        const std::size_t used = position.at(it->second.syntax);
        uses[i].emplace_back(used, span);
        if (!seen.insert(used).second) continue;
        readers[used].push_back(i);
        ++waiting[i];
      }
    }
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < n; ++i) {
      if (waiting[i] == 0) ready.push(i);
    }
    std::vector<bool> placed(n, false);
    while (!ready.empty()) {
      const std::size_t next = ready.top();
      ready.pop();
      placed[next] = true;
      ordered_.push_back(all_[next]);
      for (std::size_t reader : readers[next]) {
        if (--waiting[reader] == 0) ready.push(reader);
      }
    }
    // What is left is on a cycle, or reads something that is.
    for (std::size_t i = 0; i < n; ++i) {
      if (placed[i]) continue;
      for (const auto& [used, span] : uses[i]) {
        if (placed[used] || !reaches(used, i, uses, placed)) continue;
        context_.set_file(all_[i]->file);
        const std::string& name = all_[i]->syntax->name.text;
        std::string message = "'" + name + "' reads from '";
        message += all_[used]->syntax->name.text;
        message += "', which reads back from '" + name + "': a cycle";
        context_.error(span, std::move(message), "streams flow one way; break the cycle");
        break;
      }
      context_.broken.insert(all_[i]->syntax->name.text);
    }
  }

  // Does statement `from` reference `to`, directly or through others not yet placed?
  static bool reaches(std::size_t from, std::size_t to,
                      const std::vector<std::vector<std::pair<std::size_t, Span>>>& uses,
                      const std::vector<bool>& placed) {
    std::vector<bool> visited(uses.size(), false);
    std::vector<std::size_t> stack{from};
    while (!stack.empty()) {
      const std::size_t at = stack.back();
      stack.pop_back();
      if (at == to) return true;
      if (visited[at]) continue;
      visited[at] = true;
      for (const auto& [next, span] : uses[at]) {
        if (!placed[next]) stack.push_back(next);
      }
    }
    return false;
  }

  void check(const StatementRef& ref) {
    const Statement& s = *ref.syntax;
    context_.set_file(ref.file);
    CheckedStatement out;
    out.kind = s.kind;
    out.name = s.name.text;
    out.file = ref.file;
    out.span = s.span;
    bool ok = false;
    switch (s.kind) {
      case StatementKind::kSchema: ok = check_schema(s, context_, out); break;
      case StatementKind::kSource: ok = check_source(s, context_, out); break;
      case StatementKind::kTable: ok = check_table(s, context_, out); break;
      case StatementKind::kStream: ok = check_stream(s, context_, out); break;
      case StatementKind::kWindow: ok = check_window(s, context_, out); break;
      case StatementKind::kTwin: ok = check_twin(s, context_, out); break;
      case StatementKind::kPattern: ok = check_pattern(s, context_, out); break;
      case StatementKind::kAlert: ok = check_alert(s, context_, out); break;
      case StatementKind::kSink: ok = check_sink(s, context_, out); break;
    }
    if (!ok) return;
    context_.checked_ids[out.name] = static_cast<StatementId>(context_.checked.size());
    context_.checked.push_back(std::move(out));
  }

  void warn_unused() {
    std::set<std::string, std::less<>> used;
    for (const StatementRef* ref : all_) {
      for (const auto& [name, span] : references(*ref->syntax, context_)) used.insert(name);
    }
    for (const CheckedStatement& s : context_.checked) {
      for (StatementId input : s.inputs) used.insert(context_.checked[input].name);
    }
    for (const CheckedStatement& s : context_.checked) {
      if (s.kind == StatementKind::kAlert || s.kind == StatementKind::kSink) continue;
      if (used.count(s.name)) continue;
      context_.set_file(s.file);
      const Statement& syntax = *context_.symbols.at(s.name).syntax;
      context_.warning(syntax.name.span, std::string(statement_keyword(s.kind)) + " '" + s.name + "' is never used",
                       s.kind == StatementKind::kSchema
                           ? "use it in a source or table, or remove it"
                           : "read it from an alert, a sink or another statement, or remove it");
    }
  }

  const Project& project_;
  CheckContext context_;
  std::vector<const StatementRef*> all_;
  std::vector<const StatementRef*> ordered_;
};

}  // namespace

std::optional<StatementId> CheckedProject::find(std::string_view name) const {
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].name == name) return static_cast<StatementId>(i);
  }
  return std::nullopt;
}

const CheckedStatement* resolve_input(const Name& name, CheckContext& context) {
  if (const CheckedStatement* found = context.find_checked(name.text)) {
    if (found->output) return found;
    context.error(
        name.span,
        "'" + name.text + "' is a " + std::string(statement_keyword(found->kind)) + ", which has no events to read",
        "read from a source, stream, window, pattern or twin");
    return nullptr;
  }
  if (context.known_but_broken(name.text)) return nullptr;  // it has errors of its own, already reported
  context.error(
      name.span, "unknown stream '" + name.text + "'",
      did_you_mean(name.text, context.names_of({StatementKind::kSource, StatementKind::kStream, StatementKind::kWindow,
                                                StatementKind::kPattern, StatementKind::kTwin})));
  return nullptr;
}

const CheckedStatement* read_input(const Name& name, CheckContext& context, CheckedStatement& out, Scope& scope) {
  const CheckedStatement* input = resolve_input(name, context);
  if (!input) return nullptr;
  out.inputs.push_back(context.checked_ids.at(input->name));
  scope.event = input->output.get();
  scope.event_name = input->name;
  return input;
}

CheckedProject check_project(const Project& project, Diagnostics& diagnostics) {
  return Driver(project, diagnostics).run();
}

}  // namespace cepheus::dsl
