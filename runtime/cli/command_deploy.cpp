// `cepheus deploy PROJECT` and `cepheus rollback NAME`: new versions of a project
// on a node, and back to the previous one.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cepheus/core/file.h"
#include "cepheus/core/json_value.h"
#include "cepheus/core/json_writer.h"
#include "cepheus/dsl/project.h"
#include "commands.h"
#include "node_client.h"
#include "project_loader.h"

namespace cepheus::cli {
namespace {

const std::string kDeployHelp = std::string(
                                    R"(Usage: cepheus deploy PROJECT --node URL --token TOKEN [--name NAME] [--validate]

Checks a project (a folder of .cep files, or one file) here, then uploads its rule
files and the files its tables and `from file` sources read to a node, which
compiles it again and runs it as the deployment's next version. The version running before keeps running if the
new one is refused; when the new plan is the same, its state carries over.

)") + kNodeOptionsHelp + R"(  --name NAME     the deployment's name (default: the project folder's name)
  --validate      have the node check the project without deploying it

Exit status: 0 deployed (or valid), 1 refused (the node's diagnostics are printed),
2 usage problems or the node cannot be reached.
)";

const std::string kRollbackHelp = std::string(R"(Usage: cepheus rollback NAME --node URL --token TOKEN [--to VERSION]

Makes the version before the running one of deployment NAME run again (or
VERSION with --to). Every version a node received stays there until the
deployment is deleted.

)") + kNodeOptionsHelp + R"(  --to VERSION    the version to run

Exit status: 0 done, 1 refused by the node, 2 usage problems or the node cannot be reached.
)";

// The project's files as the node wants them: rule files and table files, by
// their path relative to the project folder.
Result<std::string> collect_files(const std::filesystem::path& project, const dsl::Plan& plan) {
  const std::filesystem::path root = std::filesystem::is_directory(project) ? project : project.parent_path();
  auto rules = dsl::find_rule_files({project.string()});
  if (!rules.ok()) return rules.status();
  std::vector<std::string> paths = *rules;
  for (const dsl::PlanStatement& s : plan.statements) {
    std::string path;
    if (s.kind == dsl::StatementKind::kTable) path = std::get<dsl::CheckedTable>(s.body).path;
    if (s.kind == dsl::StatementKind::kSource && std::get<dsl::CheckedSource>(s.body).connector == "file")
      path = std::get<dsl::CheckedSource>(s.body).target;
    if (path.empty()) continue;
    if (std::filesystem::path(path).is_absolute()) {
      return invalid_argument(std::string(dsl::statement_keyword(s.kind)) + " '" + s.name + "' reads " + path +
                              ", an absolute path: a deployed project can only read files inside its folder");
    }
    const std::string full = (root / path).lexically_normal().string();
    if (std::find(paths.begin(), paths.end(), full) == paths.end()) paths.push_back(full);
  }
  std::string json = "{";
  for (const std::string& path : paths) {
    auto text = read_file(path);
    if (!text.ok()) return text.status();
    if (json.size() > 1) json += ',';
    append_json_string(json, std::filesystem::relative(path, root).generic_string());
    json += ':';
    append_json_string(json, *text);
  }
  return json + "}";
}

void print_diagnostics_of(const JsonValue& answer) {
  const JsonValue* diagnostics = answer.find("diagnostics");
  if (!diagnostics || !diagnostics->is_array()) return;
  for (const JsonValue& d : diagnostics->items()) {
    const JsonValue* file = d.find("file");
    const JsonValue* line = d.find("line");
    const JsonValue* column = d.find("column");
    const JsonValue* severity = d.find("severity");
    const JsonValue* message = d.find("message");
    std::fprintf(stderr, "%s:%s:%s: %s: %s\n", file ? file->text().c_str() : "?", line ? line->text().c_str() : "?",
                 column ? column->text().c_str() : "?", severity ? severity->text().c_str() : "error",
                 message ? message->text().c_str() : "?");
  }
}

}  // namespace

int run_deploy(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"node", "token", "name"}, {"help", "validate"});
  if (!parsed.ok()) return usage_error("deploy", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kDeployHelp.c_str(), stdout);
    return 0;
  }
  if (parsed->positional().size() != 1) return usage_error("deploy", "give one project folder or rule file");
  auto node = node_target(*parsed);
  if (!node.ok()) return usage_error("deploy", node.status().message());
  const std::filesystem::path project = std::filesystem::absolute(parsed->positional()[0]).lexically_normal();
  std::string name = parsed->value("name").value_or(
      (std::filesystem::is_directory(project) ? project : project.parent_path()).filename().string());
  int exit_code = 0;
  auto plan = load_plan("deploy", parsed->positional(), exit_code);  // problems are caught here, before any upload
  if (!plan) return exit_code;
  auto files = collect_files(project, *plan);
  if (!files.ok()) {
    std::fprintf(stderr, "cepheus deploy: %s\n", files.status().message().c_str());
    return 2;
  }
  std::string body = "{\"name\":";
  append_json_string(body, name);
  body += ",\"files\":" + *files + "}";
  const bool validate = parsed->flag("validate");
  auto response = node_call(*node, "POST", validate ? "/api/v1/deployments/validate" : "/api/v1/deployments", body);
  if (!response.ok()) {
    std::fprintf(stderr, "cepheus deploy: %s\n", response.status().message().c_str());
    return 2;
  }
  auto answer = JsonValue::parse(response->body);
  if (response->status >= 300) {
    std::fprintf(stderr, "cepheus deploy: the node refused '%s': %s\n", name.c_str(), node_error(*response).c_str());
    if (answer.ok()) print_diagnostics_of(*answer);
    return response->status == 401 ? 2 : 1;
  }
  if (!answer.ok()) {
    std::fprintf(stderr, "cepheus deploy: the node's answer is not JSON: %s\n", answer.status().message().c_str());
    return 2;
  }
  if (validate) {
    std::printf("'%s' is valid on %s\n", name.c_str(), node->url.c_str());
    return 0;
  }
  const JsonValue* version = answer->find("version");
  const JsonValue* carried = answer->find("state_carried");
  std::printf("deployed '%s' version %s to %s: running%s\n", name.c_str(), version ? version->text().c_str() : "?",
              node->url.c_str(), carried && carried->as_bool() ? ", state carried over" : "");
  if (const JsonValue* warnings = answer->find("warnings"); warnings && warnings->is_array()) {
    for (const JsonValue& w : warnings->items()) std::fprintf(stderr, "warning: %s\n", w.text().c_str());
  }
  return 0;
}

int run_rollback(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"node", "token", "to"}, {"help"});
  if (!parsed.ok()) return usage_error("rollback", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kRollbackHelp.c_str(), stdout);
    return 0;
  }
  if (parsed->positional().size() != 1) return usage_error("rollback", "give the deployment's name");
  auto node = node_target(*parsed);
  if (!node.ok()) return usage_error("rollback", node.status().message());
  const std::string& name = parsed->positional()[0];
  std::string path = "/api/v1/deployments/" + name + "/rollback";
  std::string body;
  if (const auto to = parsed->value("to")) {
    if (to->empty() || to->find_first_not_of("0123456789") != std::string::npos) {
      return usage_error("rollback", "--to takes a version number, not '" + *to + "'");
    }
    path = "/api/v1/deployments/" + name + "/activate";
    body = "{\"version\":" + *to + "}";
  }
  auto response = node_call(*node, "POST", path, body);
  if (!response.ok()) {
    std::fprintf(stderr, "cepheus rollback: %s\n", response.status().message().c_str());
    return 2;
  }
  if (response->status >= 300) {
    std::fprintf(stderr, "cepheus rollback: %s\n", node_error(*response).c_str());
    return response->status == 401 ? 2 : 1;
  }
  auto answer = JsonValue::parse(response->body);
  const JsonValue* version = answer.ok() ? answer->find("version") : nullptr;
  std::printf("'%s' now runs version %s\n", name.c_str(), version ? version->text().c_str() : "?");
  return 0;
}

}  // namespace cepheus::cli
