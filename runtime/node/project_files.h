// A project as the node receives it: its files by relative path. Uploads are
// checked (relative paths inside the project, bounded counts and sizes), kept
// as JSON in the store and written to a folder to compile and to read tables from.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "cepheus/core/json_value.h"
#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"

namespace cepheus::node {

using ProjectFiles = std::map<std::string, std::string>;

// From the "files" member of a deploy request: {"rules/main.cep": "...", ...}.
Result<ProjectFiles> project_files_from_json(const JsonValue& files);
std::string project_files_to_json(const ProjectFiles& files);

// Replaces `folder` with exactly these files.
Status write_project_folder(const std::string& folder, const ProjectFiles& files);

struct CompiledProject {
  std::shared_ptr<const dsl::Plan> plan;  // null when there are errors
  std::string diagnostics_json;           // [{"file":..., "line":..., ...}, ...]
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

// Checks and compiles the .cep files of `folder`. Diagnostics name files by
// their path in the project, not where the node keeps them.
Result<CompiledProject> compile_project_folder(const std::string& folder);

}  // namespace cepheus::node
