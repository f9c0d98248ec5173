// A scenario file (docs/scenarios.md) read for the scenario editor's forms: the
// settings, one item per [population.*], [generate.*], [anomaly.*] and
// [replay.*] table with its values as the form shows them, and the script's
// lines as table rows. Reading is lenient: it needs TOML, not a valid scenario
// (the scenario reader judges that, and the editor shows its message on the
// item whose lines it names). The project's sources, for pickers and the
// fields a generator must fill, come from the compiled plan.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"

namespace cepheus::studio {

struct SourceShape {
  std::string name;
  std::string time_field;                                   // empty: processing time
  std::vector<std::pair<std::string, std::string>> fields;  // name -> type ("double", "string?")
};
std::vector<SourceShape> source_shapes(const dsl::Plan& plan);

struct ScenarioItem {
  std::string kind;  // population, generate, anomaly, replay
  std::string name;
  int first_line = 0;  // the lines of its values, for messages
  int last_line = 0;
  // key -> value as text: strings as they read, numbers and booleans as
  // written, arrays of strings joined by ", ".
  std::map<std::string, std::string> values;
  // fields.FIELD (generators and anomalies) or columns.COLUMN (replays), in file order.
  std::vector<std::pair<std::string, std::string>> specs;
};

struct ScriptRow {
  int line = 0;  // in the file
  std::string offset;
  std::string source;
  std::string json;
};

struct ScenarioForm {
  std::map<std::string, std::string> settings;  // description, seed, start, duration
  std::vector<ScenarioItem> items;
  std::vector<ScriptRow> script;
};

// Errors are TOML syntax errors ("line 7, column 12: ...").
Result<ScenarioForm> read_scenario_form(std::string_view text);

// `+OFFSET SOURCE JSON`, as a script line.
std::string script_line(const ScriptRow& row);

}  // namespace cepheus::studio
