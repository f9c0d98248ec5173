// Loads reference tables from files beside the project: CSV files, and SQLite
// databases read with the table's query. Paths in rules are relative to the
// project folder.
#pragma once

#include <string>

#include "cepheus/engine/engine.h"

namespace cepheus::host {

class TableFiles final : public engine::TableLoader {
 public:
  explicit TableFiles(std::string project_folder) : folder_(std::move(project_folder)) {}
  Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement& table) override;

 private:
  std::string folder_;
};

}  // namespace cepheus::host
