// Reads a replay file for `cepheus run --replay`: records that each name the
// source of their event, in one of two forms:
//   JSON lines: {"source": "readings", "event": {"device": "press-01", ...}}
//   CSV (a .csv file): a header row with a `source` column; the other columns
//   are matched to the fields of each record's source by name.
// Bad records are reported with their line and skipped; reading goes on.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "cepheus/core/event.h"
#include "cepheus/core/status.h"
#include "cepheus/dsl/plan.h"

namespace cepheus::host {

struct ReplayCallbacks {
  // The source statement called `name`, if the project has one.
  std::function<std::optional<dsl::StatementId>(std::string_view name)> find_source;
  std::function<void(dsl::StatementId source, const Event& event)> on_event;
  std::function<void(long line, const Status& problem)> on_error;
};

// Reads every record of `text` (the file `path`, whose extension picks the form).
// Processing-time sources are stamped with the latest event time read so far.
void read_replay(const std::string& path, std::string_view text, const dsl::Plan& plan,
                 const ReplayCallbacks& callbacks);

}  // namespace cepheus::host
