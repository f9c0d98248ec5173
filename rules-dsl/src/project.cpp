#include "cepheus/dsl/project.h"

#include <algorithm>
#include <filesystem>

#include "cepheus/core/file.h"
#include "cepheus/dsl/parser.h"

namespace cepheus::dsl {

namespace fs = std::filesystem;

Result<std::vector<std::string>> find_rule_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) return io_error("cannot read '" + path + "': No such file or directory");
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
    if (error) return io_error("cannot read folder '" + path + "': " + error.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (error) return io_error("cannot read folder '" + path + "': " + error.message());
      const std::string name = it->path().filename().string();
      if (it->is_directory() && (name.starts_with(".") || name == "build")) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && it->path().extension() == ".cep") found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void Project::add(std::string path, std::string text, Diagnostics& diagnostics) {
  sources_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  files_.push_back(parse(*sources_.back(), diagnostics));
}

Result<Project> Project::load(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
  auto files = find_rule_files(paths);
  if (!files.ok()) return files.status();
  Project project;
  for (const std::string& path : *files) {
    auto text = read_file(path);
    if (!text.ok()) return text.status();
    project.add(path, std::move(*text), diagnostics);
  }
  return project;
}

Project Project::from_text(std::string path, std::string text, Diagnostics& diagnostics) {
  Project project;
  project.add(std::move(path), std::move(text), diagnostics);
  return project;
}

Project Project::from_texts(const std::vector<std::pair<std::string, std::string>>& files, Diagnostics& diagnostics) {
  Project project;
  for (const auto& [path, text] : files) project.add(path, text, diagnostics);
  return project;
}

}  // namespace cepheus::dsl
