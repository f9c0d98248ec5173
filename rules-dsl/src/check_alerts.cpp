// Alerts and sinks: what leaves the project.
#include "cepheus/dsl/suggest.h"
#include "check_output.h"
#include "check_statements.h"

namespace cepheus::dsl {
namespace {

bool check_targets(const std::vector<Target>& targets, const Scope& scope, CheckContext& context,
                   std::vector<CheckedTarget>& out) {
  bool ok = true;
  for (const Target& target : targets) {
    CheckedTarget checked;
    checked.kind = target.kind.text;
    if (target.address) {
      if (target.address->value.empty()) {
        context.error(target.address->span, "the " + checked.kind + " address is empty");
        ok = false;
        continue;
      }
      if (checked.kind == "mqtt" && target.address->value.find_first_of("+#") != std::string::npos) {
        context.error(target.address->span, "a topic to publish to cannot hold '+' or '#'",
                      "fill a level from the event instead: \"alerts/{device}\"");
        ok = false;
        continue;
      }
      if (checked.kind == "webhook" && !target.address->value.starts_with("http://") &&
          !target.address->value.starts_with("https://")) {
        context.error(target.address->span, "a webhook URL starts with http:// or https://");
        ok = false;
        continue;
      }
      const std::size_t errors = context.diagnostics().error_count();
      checked.address = bind_template(*target.address, scope, context);
      if (context.diagnostics().error_count() != errors) {
        ok = false;
        continue;
      }
    }
    if (target.qos) {
      if (*target.qos < 0 || *target.qos > 2) {
        context.error(target.span, "the QoS must be 0, 1 or 2");
        ok = false;
        continue;
      }
      checked.qos = static_cast<int>(*target.qos);
    }
    checked.retain = target.retain;
    if (target.broker) checked.broker = target.broker->text;
    out.push_back(std::move(checked));
  }
  return ok;
}

}  // namespace

bool check_alert(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<AlertStmt>(s.body);
  Scope scope;
  const CheckedStatement* input = read_input(syntax.input, context, out, scope);
  if (!input) return false;
  CheckedAlert alert;
  bool ok = true;
  if (syntax.where) {
    if (auto where = bind_condition(*syntax.where, scope, context)) {
      if (is_constant_false(*where))
        context.warning(syntax.where->span, "this condition is never true, so the alert never fires");
      alert.where = std::move(*where);
    } else {
      ok = false;
    }
  }
  if (syntax.severity)
    alert.severity = severity_level_from_name(syntax.severity->text).value_or(SeverityLevel::kMedium);
  if (!syntax.message) {
    context.error(s.name.span, "alert '" + s.name.text + "' has no message",
                  "add e.g. message \"Device {device} is too hot\"");
    ok = false;
  } else {
    const std::size_t errors = context.diagnostics().error_count();
    alert.message = bind_template(*syntax.message, scope, context);
    if (context.diagnostics().error_count() != errors) ok = false;
  }
  if (syntax.throttle) {
    alert.throttle = duration_value(*syntax.throttle);
    for (const Name& field : syntax.throttle_per) {
      const std::size_t index = input->output->index_of(field.text);
      if (index == Schema::npos) {
        std::vector<std::string_view> names;
        for (const Field& f : input->output->fields()) names.push_back(f.name);
        context.error(field.span, "unknown field '" + field.text + "' in '" + input->name + "'",
                      did_you_mean(field.text, names));
        ok = false;
      } else {
        alert.throttle_per.push_back(static_cast<std::uint32_t>(index));
      }
    }
  }
  if (!check_targets(syntax.targets, scope, context, alert.targets)) ok = false;
  if (syntax.targets.empty()) alert.targets.push_back({"journal", {}, 1});  // alerts are always kept
  if (!ok) return false;
  out.body = std::move(alert);
  return true;
}

bool check_sink(const Statement& s, CheckContext& context, CheckedStatement& out) {
  const auto& syntax = std::get<SinkStmt>(s.body);
  Scope scope;
  if (!read_input(syntax.input, context, out, scope)) return false;
  CheckedSink sink;
  if (!check_targets(syntax.targets, scope, context, sink.targets)) return false;
  for (const CheckedTarget& target : sink.targets) {
    if (target.kind == "journal") {
      context.error(s.name.span, "the alert journal takes alerts, not events", "send events to mqtt, webhook or log");
      return false;
    }
  }
  out.body = std::move(sink);
  return true;
}

}  // namespace cepheus::dsl
