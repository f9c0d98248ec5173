// The node's storage: one SQLite database (<data_dir>/node.db, WAL mode) with
// deployments and their versions, state checkpoints, the inbox of received
// messages not yet covered by a checkpoint, the alert journal, dead letters and
// how far each `from file` source is read.
// Schema changes are numbered migrations (PRAGMA user_version), applied at open.
//
// One NodeStore is one connection and is used by one thread: the pipeline
// writes through its own; the control API reads through another.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/core/time.h"
#include "cepheus/host/sqlite_database.h"

namespace cepheus::node {

struct StoredVersion {
  std::int64_t version = 0;
  std::string files_json;  // {"path": "contents", ...}
  std::string created_at;
  std::string deployed_at;  // when it last became the active version; empty if never
};

struct StoredDeployment {
  std::string name;
  std::int64_t active_version = 0;  // 0: none
  std::string state;                // running, stopped
  std::string updated_at;
  std::string deployed_at;  // when the active version became active
  std::vector<std::int64_t> versions;
};

struct Checkpoint {
  std::int64_t version = 0;
  std::int64_t inbox_seq = 0;  // the last inbox message the state includes
  std::string state;           // Engine::snapshot()
  std::string taken_at;
};

struct InboxMessage {
  std::int64_t seq = 0;
  std::string channel;  // "mqtt:" + broker name, or "http:"/"file:" + deployment + "/" + source
  std::string topic;
  std::string payload;
  std::int64_t received_ns = 0;
};

struct JournaledAlert {
  std::int64_t seq = 0;
  std::string deployment;
  std::string json;  // host::alert_to_json
  std::string journaled_at;
};

struct DeadLetter {
  std::string deployment, source, reason, detail, payload;
  std::int64_t inbox_seq = 0;
};

class NodeStore {
 public:
  static constexpr int kSchemaVersion = 3;

  // Opens (creating and migrating when `writer`) the database in `data_dir`.
  static Result<NodeStore> open(const std::string& data_dir, bool writer);

  host::SqliteDatabase& db() { return db_; }
  int schema_version();

  // Deployments and versions.
  Result<std::int64_t> add_version(std::string_view name, std::string_view files_json, std::string_view now);
  Status set_deployment(std::string_view name, std::int64_t active_version, std::string_view state,
                        std::string_view now);
  Status mark_deployed(std::string_view name, std::int64_t version, std::string_view now);
  Result<std::vector<StoredDeployment>> deployments();
  Result<std::optional<StoredDeployment>> deployment(std::string_view name);
  Result<std::vector<StoredVersion>> versions(std::string_view name);
  Result<std::optional<StoredVersion>> version(std::string_view name, std::int64_t version);
  Status delete_deployment(std::string_view name);
  Status delete_version(std::string_view name, std::int64_t version);

  // Checkpoints: one per deployment, replaced each time.
  Status save_checkpoint(std::string_view name, const Checkpoint& checkpoint);
  Result<std::optional<Checkpoint>> checkpoint(std::string_view name);

  // The inbox: every message is here before it reaches an engine. `seq` must
  // grow across prunes and restarts (last_inbox_seq() + 1 onwards).
  Status append_inbox(std::int64_t seq, std::string_view channel, std::string_view topic, std::string_view payload,
                      std::int64_t received_ns);
  Result<std::vector<InboxMessage>> inbox_after(std::int64_t seq, std::size_t limit);
  Result<std::int64_t> last_inbox_seq();
  Status prune_inbox(std::int64_t up_to_seq);

  // How far a `from file` source's file is read: the byte offset after the last
  // record the inbox holds, or 0 when the file (its fingerprint) is new.
  Result<std::uint64_t> file_progress(std::string_view deployment, std::string_view source,
                                      std::string_view fingerprint);
  Status set_file_progress(std::string_view deployment, std::string_view source, std::string_view fingerprint,
                           std::uint64_t read_to);
  // The last intake-log record the inbox holds (see intake_log.h).
  Result<std::uint64_t> intake_position();
  Status set_intake_position(std::uint64_t seq);

  // The alert journal; an alert id is kept once (false: it was already there).
  Result<bool> journal_alert(std::string_view id, std::string_view deployment, std::string_view rule,
                             std::string_view json, Timestamp now);
  // Drops the oldest alerts beyond `limit`; returns how many went.
  Result<std::int64_t> trim_alerts(std::size_t limit);
  // Alerts after journal sequence `after_seq` journaled at or after `since_ns`, oldest first.
  Result<std::vector<JournaledAlert>> alerts(std::int64_t after_seq, std::int64_t since_ns, std::size_t limit);

  // Dead letters; the same inbox message is kept once per deployment, source and reason.
  Result<bool> add_dead_letter(const DeadLetter& letter, std::string_view now);
  // Drops the oldest beyond `limit`; returns how many went.
  Result<std::int64_t> trim_dead_letters(std::size_t limit);
  Result<std::vector<DeadLetter>> dead_letters(std::string_view deployment, std::size_t limit);

 private:
  explicit NodeStore(host::SqliteDatabase db) : db_(std::move(db)) {}
  Status migrate();
  // Every row of `statement`, each made by `read`.
  template <typename Row, typename Read>
  static Result<std::vector<Row>> all_rows(host::SqliteStatement& statement, Read read);
  // The deployments, or only the one called `name`.
  Result<std::vector<StoredDeployment>> find_deployments(std::optional<std::string_view> name);
  // A cached prepared statement for a hot path.
  Result<host::SqliteStatement*> cached(std::optional<host::SqliteStatement>& slot, std::string_view sql);

  host::SqliteDatabase db_;
  std::optional<host::SqliteStatement> insert_inbox_, insert_alert_, insert_dead_letter_, update_position_;
};

}  // namespace cepheus::node
