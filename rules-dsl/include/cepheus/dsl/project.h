// A project: the .cep files of one or more paths, read and parsed.
//
// Paths may be files or folders; a folder contributes every .cep file below it
// (hidden folders and `build` are skipped), in sorted order so that output is
// stable. The project owns its SourceFiles; RuleFiles and diagnostics point
// into them, so a Project is not copyable.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/ast.h"
#include "cepheus/dsl/diagnostic.h"

namespace cepheus::dsl {

class Project {
 public:
  Project() = default;
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;
  Project(Project&&) = default;
  Project& operator=(Project&&) = default;

  // Reads and parses. An unreadable path is an io_error; syntax problems go to
  // `diagnostics` and the readable statements are kept.
  static Result<Project> load(const std::vector<std::string>& paths, Diagnostics& diagnostics);
  // A project of one in-memory file (tests, the studio's editor).
  static Project from_text(std::string path, std::string text, Diagnostics& diagnostics);
  // A project of in-memory files, as (path, text) pairs in the given order (the
  // studio's open documents).
  static Project from_texts(const std::vector<std::pair<std::string, std::string>>& files, Diagnostics& diagnostics);

  const std::vector<RuleFile>& files() const { return files_; }

 private:
  void add(std::string path, std::string text, Diagnostics& diagnostics);

  std::vector<std::unique_ptr<SourceFile>> sources_;
  std::vector<RuleFile> files_;
};

// The .cep files named by `paths` (files as given, folders searched), sorted.
Result<std::vector<std::string>> find_rule_files(const std::vector<std::string>& paths);

}  // namespace cepheus::dsl
