// The `from file` sources of a project: their files, read from the project
// folder, and their records in the order a replay feeds them. A file ending in
// .csv is CSV with a header row; any other file is JSON lines (blank lines
// skipped). The command line's `run` and the node read them the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/host/source_decoding.h"

namespace cepheus::host {

struct FileSource {
  dsl::StatementId id = 0;
  std::string name;
  std::string path;  // as the rule names it: relative to the project folder
  std::string text;  // the whole file
  bool processing_time = false;
  std::uint64_t fingerprint = 0;  // FNV-1a of the text: a changed file, another number
  std::size_t body_start = 0;     // where the records start (after a CSV file's header)
  PayloadDecoder decoder;
};

// Reads the file of every `from file` source of `plan` from `folder`, in the
// order of the project. Errors name the source and the file:
// "source 'replay' reads 'recordings/monday.csv': the header has no column for 'ts'".
Result<std::vector<FileSource>> load_file_sources(const dsl::Plan& plan, const std::string& folder);

struct FileRecord {
  std::size_t source = 0;  // index into the FileSource list
  std::string_view text;   // one JSON line or one CSV record, without its line ending
  std::size_t start = 0;   // byte offset of the record in its file
  std::size_t end = 0;     // byte offset after its line ending: where reading goes on
  std::size_t line = 0;    // 1-based line the record starts on
};

// The records of several file sources, merged by event time so that one file
// does not make another's events late: each step takes the file whose next
// record is earliest (on a tie, the source declared first). A processing-time
// file has no time to merge by, so its records go first, in file order; so does
// a record whose time cannot be read (it is still returned: its reader makes a
// dead letter of it). A CSV file that cannot be split into records (an unclosed
// quote) ends at that point, and problems() says why.
class FileRecordMerge {
 public:
  // `from[i]`: the offset in sources[i] to go on from: 0 for the first record,
  // or the `end` of the last record taken. Both lists outlive the merge.
  FileRecordMerge(const std::vector<FileSource>& sources, std::span<const std::size_t> from);
  ~FileRecordMerge();
  FileRecordMerge(FileRecordMerge&&) noexcept;
  FileRecordMerge& operator=(FileRecordMerge&&) noexcept;

  // The next record, or false when every file is read.
  bool next(FileRecord& out);
  // "source 'replay', file 'monday.csv': line 4, column 10: ..."
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  class Cursor;
  std::vector<std::unique_ptr<Cursor>> cursors_;
  std::vector<std::string> problems_;
};

}  // namespace cepheus::host
