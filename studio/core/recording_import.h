// A recorded file (JSON lines or CSV) looked at before it becomes a scenario's
// replay: whether its records name their source, which of the project's
// sources fits the others best, and how CSV columns map onto that source's
// fields when their names differ only in case or separators ("Device_ID" ->
// device_id). The analyst reviews the guess in the editor.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/result.h"
#include "scenario_form.h"

namespace cepheus::studio {

struct RecordingGuess {
  bool csv = false;
  bool names_sources = false;  // {"source": ..., "event": ...} records, or a CSV `source` column
  std::string source;          // for records that do not name theirs; empty when nothing fits
  std::vector<std::pair<std::string, std::string>> columns;  // CSV column -> field
  std::vector<std::string> unknown;                          // names that fit no field of `source`
};

// Errors: "PATH: the first line is not a JSON object", an empty file, a bad CSV header.
Result<RecordingGuess> guess_recording(std::string_view path, std::string_view text,
                                       const std::vector<SourceShape>& sources);

}  // namespace cepheus::studio
