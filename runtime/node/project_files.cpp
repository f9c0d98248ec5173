#include "project_files.h"

#include <filesystem>

#include "cepheus/core/file.h"
#include "cepheus/core/json_writer.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"

namespace cepheus::node {
namespace {

constexpr std::size_t kMaxFiles = 1000;

Status check_path(const std::string& path) {
  const auto problem = [&](const char* why) { return invalid_argument("file '" + path + "': " + why); };
  if (path.empty() || path.size() > 255) return problem("a path must have 1 to 255 characters");
  if (path.front() == '/') return problem("paths are relative to the project folder");
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    return problem("use '/' between folders, and no NUL characters");
  }
  for (const auto& part : std::filesystem::path(path)) {
    if (part == "..") return problem("'..' is not allowed in project paths");
  }
  return {};
}

}  // namespace

Result<ProjectFiles> project_files_from_json(const JsonValue& files) {
  if (!files.is_object())
    return invalid_argument("'files' must be an object of path: contents, not " + std::string(files.kind_phrase()));
  if (files.members().size() > kMaxFiles) {
    return invalid_argument("a project may have at most " + std::to_string(kMaxFiles) + " files");
  }
  ProjectFiles result;
  bool has_rules = false;
  for (const auto& [path, contents] : files.members()) {
    CEPHEUS_RETURN_IF_ERROR(check_path(path));
    if (!contents.is_string()) {
      return invalid_argument("file '" + path + "': contents must be a string, not " +
                              std::string(contents.kind_phrase()));
    }
    has_rules = has_rules || path.ends_with(".cep");
    result[path] = contents.text();
  }
  if (!has_rules) return invalid_argument("the project has no .cep file");
  return result;
}

std::string project_files_to_json(const ProjectFiles& files) {
  std::string json = "{";
  for (const auto& [path, contents] : files) {
    if (json.size() > 1) json += ',';
    append_json_string(json, path);
    json += ':';
    append_json_string(json, contents);
  }
  return json + "}";
}

Status write_project_folder(const std::string& folder, const ProjectFiles& files) {
  std::error_code error;
  std::filesystem::remove_all(folder, error);
  for (const auto& [path, contents] : files) {
    const std::filesystem::path target = std::filesystem::path(folder) / path;
    std::filesystem::create_directories(target.parent_path(), error);
    if (error) return io_error("cannot create '" + target.parent_path().string() + "': " + error.message());
    CEPHEUS_RETURN_IF_ERROR(write_file_atomically(target.string(), contents));
  }
  return {};
}

Result<CompiledProject> compile_project_folder(const std::string& folder) {
  dsl::Diagnostics diagnostics;
  auto project = dsl::Project::load({folder}, diagnostics);
  if (!project.ok()) return project.status();
  const dsl::CheckedProject checked = dsl::check_project(*project, diagnostics);
  diagnostics.sort();
  CompiledProject result;
  result.errors = diagnostics.error_count();
  result.warnings = diagnostics.warning_count();
  std::string json = "[";
  const std::string prefix = folder + "/";
  for (const dsl::Diagnostic& d : diagnostics.all()) {
    std::string one = dsl::render_json(d);
    // Name files as the user wrote them, not where the node keeps them.
    for (std::size_t at = one.find(prefix); at != std::string::npos; at = one.find(prefix, at)) {
      one.erase(at, prefix.size());
    }
    if (json.size() > 1) json += ',';
    json += one;
  }
  result.diagnostics_json = json + "]";
  if (result.errors > 0) return result;
  auto plan = std::make_shared<const dsl::Plan>(dsl::compile_plan(checked));
  // A deployed project reads only its own files.
  for (const dsl::PlanStatement& s : plan->statements) {
    std::string path;
    if (s.kind == dsl::StatementKind::kTable) path = std::get<dsl::CheckedTable>(s.body).path;
    if (s.kind == dsl::StatementKind::kSource && std::get<dsl::CheckedSource>(s.body).connector == "file")
      path = std::get<dsl::CheckedSource>(s.body).target;
    if (path.empty()) continue;
    if (Status inside = check_path(path); !inside.ok()) {
      return invalid_argument(std::string(dsl::statement_keyword(s.kind)) + " '" + s.name + "' at " +
                              s.location.substr(s.location.find(prefix) == 0 ? prefix.size() : 0) + " reads '" + path +
                              "': a deployed project reads only files inside it, by relative paths");
    }
  }
  result.plan = std::move(plan);
  return result;
}

}  // namespace cepheus::node
