#include "cepheus/host/file_sources.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/file.h"
#include "cepheus/core/stable_hash.h"

namespace cepheus::host {
namespace {

std::size_t line_at(std::string_view text, std::size_t offset) {
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) +
         1;
}

std::string_view without_line_ending(std::string_view record) {
  if (record.ends_with('\n')) record.remove_suffix(1);
  if (record.ends_with('\r')) record.remove_suffix(1);
  return record;
}

}  // namespace

Result<std::vector<FileSource>> load_file_sources(const dsl::Plan& plan, const std::string& folder) {
  std::vector<FileSource> sources;
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    if (s.kind != dsl::StatementKind::kSource) continue;
    const auto& body = std::get<dsl::CheckedSource>(s.body);
    if (body.connector != "file") continue;
    const std::string where = "source '" + s.name + "' reads '" + body.target + "'";
    auto text = read_file((std::filesystem::path(folder) / body.target).string());
    if (!text.ok()) return text.status().with_context(where);
    FileSource source{id, s.name, body.target, std::move(*text), body.processing_time, 0, 0, {}};
    source.fingerprint = fnv1a(source.text);
    std::vector<std::string> header;
    if (body.format == "csv") {
      CsvReader reader(source.text);
      std::vector<std::string_view> fields;
      if (!reader.next(fields)) {
        if (!reader.status().ok()) return invalid_argument(where + ": " + reader.status().message());
        return invalid_argument(where + ": the file is empty; a CSV file starts with a header row naming its columns");
      }
      header.assign(fields.begin(), fields.end());
      source.body_start = reader.offset();
    }
    auto decoder = PayloadDecoder::for_file(s, header);
    if (!decoder.ok()) return decoder.status().with_context(where);
    source.decoder = std::move(*decoder);
    sources.push_back(std::move(source));
  }
  return sources;
}

// One file's records, one ahead: the merge compares the records at hand.
class FileRecordMerge::Cursor {
 public:
  Cursor(const FileSource& source, std::size_t index, std::size_t from, bool by_time)
      : source_(source), index_(index), by_time_(by_time && !source.processing_time) {
    const std::string_view text = source.text;
    pos_ = std::clamp(from, source.body_start, text.size());
    line_ = line_at(text, pos_);
    if (source.decoder.csv()) {
      base_ = pos_;
      csv_ = std::make_unique<CsvReader>(text.substr(pos_), ',', line_);
    }
  }

  // Reads the next record; false at the end of the file (or where it cannot be split).
  bool advance(std::vector<std::string>& problems) {
    at_hand_.reset();
    std::optional<FileRecord> record = csv_ ? next_csv(problems) : next_line();
    if (!record) return false;
    key_ = Timestamp::min();
    if (by_time_) {
      auto event = source_.decoder.decode(record->text, Timestamp());
      if (event.ok()) key_ = event->time();
    }
    at_hand_ = record;
    return true;
  }

  const std::optional<FileRecord>& at_hand() const { return at_hand_; }
  Timestamp key() const { return key_; }

 private:
  std::optional<FileRecord> next_line() {
    const std::string_view text = source_.text;
    while (pos_ < text.size()) {
      const std::size_t newline = text.find('\n', pos_);
      const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
      const FileRecord record{index_, without_line_ending(text.substr(pos_, end - pos_)), pos_, end, line_};
      pos_ = end;
      ++line_;
      if (record.text.find_first_not_of(" \t") != std::string_view::npos) return record;
    }
    return std::nullopt;
  }

  std::optional<FileRecord> next_csv(std::vector<std::string>& problems) {
    if (!csv_->next(fields_)) {
      if (!csv_->status().ok()) {
        problems.push_back("source '" + source_.name + "', file '" + source_.path + "': " + csv_->status().message());
      }
      return std::nullopt;
    }
    const std::size_t start = base_ + csv_->record_start();
    const std::size_t end = base_ + csv_->offset();
    const std::string_view text = std::string_view(source_.text).substr(start, end - start);
    return FileRecord{index_, without_line_ending(text), start, end, csv_->record_line()};
  }

  const FileSource& source_;
  std::size_t index_;
  bool by_time_;
  std::size_t pos_ = 0;   // JSON lines: where the next line starts
  std::size_t line_ = 1;  // JSON lines: the line at `pos_`
  std::size_t base_ = 0;  // CSV: the offset the reader started at
  std::unique_ptr<CsvReader> csv_;
  std::vector<std::string_view> fields_;
  std::optional<FileRecord> at_hand_;
  Timestamp key_;
};

FileRecordMerge::FileRecordMerge(const std::vector<FileSource>& sources, std::span<const std::size_t> from) {
  // One file needs no times: its own order is the order.
  const bool by_time = sources.size() > 1;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    cursors_.push_back(std::make_unique<Cursor>(sources[i], i, i < from.size() ? from[i] : 0, by_time));
    cursors_.back()->advance(problems_);
  }
}

FileRecordMerge::~FileRecordMerge() = default;
FileRecordMerge::FileRecordMerge(FileRecordMerge&&) noexcept = default;
FileRecordMerge& FileRecordMerge::operator=(FileRecordMerge&&) noexcept = default;

bool FileRecordMerge::next(FileRecord& out) {
  Cursor* earliest = nullptr;
  for (const auto& cursor : cursors_) {
    if (cursor->at_hand() && (!earliest || cursor->key() < earliest->key())) earliest = cursor.get();
  }
  if (!earliest) return false;
  out = *earliest->at_hand();
  earliest->advance(problems_);
  return true;
}

}  // namespace cepheus::host
