#include "node_store.h"

#include <algorithm>

namespace cepheus::node {
namespace {

using host::SqliteStatement;

// Migration N takes the schema from version N-1 to N. Never edit a released one:
// add the next.
const char* const kMigrations[] = {
    // 1: the first schema.
    R"(
CREATE TABLE deployments (
  name TEXT PRIMARY KEY,
  active_version INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE versions (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  files TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deployed_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (name, version)
);
CREATE TABLE checkpoints (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  inbox_seq INTEGER NOT NULL,
  state BLOB NOT NULL,
  taken_at TEXT NOT NULL
);
CREATE TABLE inbox (
  seq INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  topic TEXT NOT NULL,
  payload BLOB NOT NULL,
  received_ns INTEGER NOT NULL
);
CREATE TABLE alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  deployment TEXT NOT NULL,
  rule TEXT NOT NULL,
  json TEXT NOT NULL,
  journaled_at TEXT NOT NULL
);
CREATE INDEX alerts_by_time ON alerts (journaled_at);
CREATE TABLE dead_letters (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  deployment TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  payload BLOB NOT NULL,
  inbox_seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (deployment, source, reason, inbox_seq)
);
)",
    // 2: where the inbox stands in the intake log.
    R"(
CREATE TABLE intake_position (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
);
INSERT INTO intake_position (id, seq) VALUES (1, 0);
ALTER TABLE alerts ADD COLUMN journaled_ns INTEGER NOT NULL DEFAULT 0;
CREATE INDEX alerts_by_journaled_ns ON alerts (journaled_ns);
)",
    // 3: how far the node has read each `from file` source (see file_feeds.h).
    R"(
CREATE TABLE file_progress (
  deployment TEXT NOT NULL,
  source TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  read_to INTEGER NOT NULL,
  PRIMARY KEY (deployment, source)
);
)",
};
constexpr int kMigrationCount = static_cast<int>(std::size(kMigrations));
static_assert(kMigrationCount == NodeStore::kSchemaVersion);

std::string column(const SqliteStatement& s, int c) {
  return std::string(s.column_text(c));
}

}  // namespace

Result<NodeStore> NodeStore::open(const std::string& data_dir, bool writer) {
  auto db = host::SqliteDatabase::open(data_dir + "/node.db", host::SqliteDatabase::Mode::kReadWriteCreate);
  if (!db.ok()) return db.status();
  NodeStore store(std::move(*db));
  // WAL: readers never wait for the writer; NORMAL sync: a committed transaction
  // survives the process being killed (only power loss may cost the last ones).
  CEPHEUS_RETURN_IF_ERROR(store.db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON"));
  if (writer) CEPHEUS_RETURN_IF_ERROR(store.migrate());
  const int version = store.schema_version();
  if (version > kSchemaVersion) {
    return Status(StatusCode::kFailedPrecondition, store.db_.path() + " has schema version " + std::to_string(version) +
                                                       ", newer than this node knows (" +
                                                       std::to_string(kSchemaVersion) + "); use a newer cepheus-node");
  }
  return store;
}

int NodeStore::schema_version() {
  auto s = db_.prepare("PRAGMA user_version");
  if (!s.ok()) return -1;
  auto row = s->step();
  return row.ok() && *row ? static_cast<int>(s->column_int(0)) : -1;
}

Status NodeStore::migrate() {
  const int from = schema_version();
  if (from < 0) return io_error(db_.path() + ": cannot read the schema version");
  for (int next = from + 1; next <= kMigrationCount; ++next) {
    const Status migrated = host::in_transaction(db_, [&] {
      CEPHEUS_RETURN_IF_ERROR(db_.exec(kMigrations[next - 1]).with_context("migration " + std::to_string(next)));
      return db_.exec("PRAGMA user_version = " + std::to_string(next));
    });
    if (!migrated.ok()) return migrated;
  }
  return {};
}

Result<SqliteStatement*> NodeStore::cached(std::optional<SqliteStatement>& slot, std::string_view sql) {
  if (!slot) {
    auto s = db_.prepare(sql);
    if (!s.ok()) return s.status();
    slot.emplace(std::move(*s));
  }
  return &*slot;
}

Result<std::int64_t> NodeStore::add_version(std::string_view name, std::string_view files_json, std::string_view now) {
  auto next = db_.prepare("SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE name = ?1");
  if (!next.ok()) return next.status();
  next->bind_text(1, name);
  auto row = next->step();
  if (!row.ok()) return row.status();
  const std::int64_t version = next->column_int(0);
  auto insert = db_.prepare("INSERT INTO versions (name, version, files, created_at) VALUES (?1, ?2, ?3, ?4)");
  if (!insert.ok()) return insert.status();
  insert->bind_text(1, name).bind(2, version).bind_text(3, files_json).bind_text(4, now);
  CEPHEUS_RETURN_IF_ERROR(insert->run());
  return version;
}

Status NodeStore::set_deployment(std::string_view name, std::int64_t active_version, std::string_view state,
                                 std::string_view now) {
  auto s = db_.prepare(
      "INSERT INTO deployments (name, active_version, state, updated_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (name) DO UPDATE SET active_version = ?2, state = ?3, updated_at = ?4");
  if (!s.ok()) return s.status();
  s->bind_text(1, name).bind(2, active_version).bind_text(3, state).bind_text(4, now);
  return s->run();
}

Status NodeStore::mark_deployed(std::string_view name, std::int64_t version, std::string_view now) {
  auto s = db_.prepare("UPDATE versions SET deployed_at = ?3 WHERE name = ?1 AND version = ?2");
  if (!s.ok()) return s.status();
  s->bind_text(1, name).bind(2, version).bind_text(3, now);
  return s->run();
}

template <typename Row, typename Read>
Result<std::vector<Row>> NodeStore::all_rows(SqliteStatement& statement, Read read) {
  std::vector<Row> rows;
  while (true) {
    auto more = statement.step();
    if (!more.ok()) return more.status();
    if (!*more) return rows;
    rows.push_back(read(statement));
  }
}

Result<std::vector<StoredDeployment>> NodeStore::find_deployments(std::optional<std::string_view> name) {
  auto s = db_.prepare(
      "SELECT d.name, d.active_version, d.state, d.updated_at, "
      "COALESCE((SELECT deployed_at FROM versions v WHERE v.name = d.name AND v.version = d.active_version), ''), "
      "(SELECT group_concat(version) FROM versions v WHERE v.name = d.name) "
      "FROM deployments d WHERE ?1 IS NULL OR d.name = ?1 ORDER BY d.name");
  if (!s.ok()) return s.status();
  if (name) s->bind_text(1, *name);
  return all_rows<StoredDeployment>(*s, [](const SqliteStatement& row) {
    StoredDeployment d{column(row, 0), row.column_int(1), column(row, 2), column(row, 3), column(row, 4), {}};
    const std::string versions = column(row, 5);
    for (std::size_t start = 0; start < versions.size();) {
      const std::size_t comma = versions.find(',', start);
      d.versions.push_back(std::stoll(versions.substr(start, comma - start)));
      start = comma == std::string::npos ? versions.size() : comma + 1;
    }
    std::sort(d.versions.begin(), d.versions.end());
    return d;
  });
}

Result<std::vector<StoredDeployment>> NodeStore::deployments() {
  return find_deployments(std::nullopt);
}

Result<std::optional<StoredDeployment>> NodeStore::deployment(std::string_view name) {
  auto found = find_deployments(name);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<StoredDeployment>();
  return std::optional<StoredDeployment>(std::move(found->front()));
}

namespace {

StoredVersion read_version(const SqliteStatement& row) {
  return {row.column_int(0), column(row, 1), column(row, 2), column(row, 3)};
}

}  // namespace

Result<std::vector<StoredVersion>> NodeStore::versions(std::string_view name) {
  auto s = db_.prepare("SELECT version, files, created_at, deployed_at FROM versions WHERE name = ?1 ORDER BY version");
  if (!s.ok()) return s.status();
  s->bind_text(1, name);
  return all_rows<StoredVersion>(*s, read_version);
}

Result<std::optional<StoredVersion>> NodeStore::version(std::string_view name, std::int64_t version) {
  auto s = db_.prepare("SELECT version, files, created_at, deployed_at FROM versions WHERE name = ?1 AND version = ?2");
  if (!s.ok()) return s.status();
  s->bind_text(1, name).bind(2, version);
  auto found = all_rows<StoredVersion>(*s, read_version);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<StoredVersion>();
  return std::optional<StoredVersion>(std::move(found->front()));
}

Status NodeStore::delete_deployment(std::string_view name) {
  return host::in_transaction(db_, [&]() -> Status {
    for (const char* sql :
         {"DELETE FROM deployments WHERE name = ?1", "DELETE FROM versions WHERE name = ?1",
          "DELETE FROM checkpoints WHERE name = ?1", "DELETE FROM file_progress WHERE deployment = ?1"}) {
      auto s = db_.prepare(sql);
      if (!s.ok()) return s.status();
      s->bind_text(1, name);
      CEPHEUS_RETURN_IF_ERROR(s->run());
    }
    return {};
  });
}

Status NodeStore::delete_version(std::string_view name, std::int64_t version) {
  auto s = db_.prepare("DELETE FROM versions WHERE name = ?1 AND version = ?2");
  if (!s.ok()) return s.status();
  s->bind_text(1, name).bind(2, version);
  return s->run();
}

Status NodeStore::save_checkpoint(std::string_view name, const Checkpoint& c) {
  auto s = db_.prepare(
      "INSERT INTO checkpoints (name, version, inbox_seq, state, taken_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (name) DO UPDATE SET version = ?2, inbox_seq = ?3, state = ?4, taken_at = ?5");
  if (!s.ok()) return s.status();
  s->bind_text(1, name).bind(2, c.version).bind(3, c.inbox_seq).bind_blob(4, c.state).bind_text(5, c.taken_at);
  return s->run();
}

Result<std::optional<Checkpoint>> NodeStore::checkpoint(std::string_view name) {
  auto s = db_.prepare("SELECT version, inbox_seq, state, taken_at FROM checkpoints WHERE name = ?1");
  if (!s.ok()) return s.status();
  s->bind_text(1, name);
  auto row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Checkpoint>();
  return std::optional<Checkpoint>(Checkpoint{s->column_int(0), s->column_int(1), column(*s, 2), column(*s, 3)});
}

Status NodeStore::append_inbox(std::int64_t seq, std::string_view channel, std::string_view topic,
                               std::string_view payload, std::int64_t received_ns) {
  auto s = cached(insert_inbox_,
                  "INSERT INTO inbox (seq, channel, topic, payload, received_ns) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!s.ok()) return s.status();
  (*s)->bind(1, seq).bind_text(2, channel).bind_text(3, topic).bind_blob(4, payload).bind(5, received_ns);
  return (*s)->run();
}

Result<std::vector<InboxMessage>> NodeStore::inbox_after(std::int64_t seq, std::size_t limit) {
  auto s =
      db_.prepare("SELECT seq, channel, topic, payload, received_ns FROM inbox WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  if (!s.ok()) return s.status();
  s->bind(1, seq).bind(2, static_cast<std::int64_t>(limit));
  return all_rows<InboxMessage>(*s, [](const SqliteStatement& row) {
    return InboxMessage{row.column_int(0), column(row, 1), column(row, 2), column(row, 3), row.column_int(4)};
  });
}

Result<std::int64_t> NodeStore::last_inbox_seq() {
  // The largest seq ever given, even when pruned: the inbox's own, or the one the
  // checkpoints include.
  auto s = db_.prepare(
      "SELECT MAX(COALESCE((SELECT MAX(seq) FROM inbox), 0), "
      "COALESCE((SELECT MAX(inbox_seq) FROM checkpoints), 0))");
  if (!s.ok()) return s.status();
  auto row = s->step();
  if (!row.ok()) return row.status();
  return s->column_int(0);
}

Status NodeStore::prune_inbox(std::int64_t up_to_seq) {
  auto s = db_.prepare("DELETE FROM inbox WHERE seq <= ?1");
  if (!s.ok()) return s.status();
  s->bind(1, up_to_seq);
  return s->run();
}

Result<std::uint64_t> NodeStore::file_progress(std::string_view deployment, std::string_view source,
                                               std::string_view fingerprint) {
  auto s = db_.prepare("SELECT read_to FROM file_progress WHERE deployment = ?1 AND source = ?2 AND fingerprint = ?3");
  if (!s.ok()) return s.status();
  s->bind_text(1, deployment).bind_text(2, source).bind_text(3, fingerprint);
  auto row = s->step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<std::uint64_t>(s->column_int(0)) : 0;
}

Status NodeStore::set_file_progress(std::string_view deployment, std::string_view source, std::string_view fingerprint,
                                    std::uint64_t read_to) {
  auto s = db_.prepare(
      "INSERT INTO file_progress (deployment, source, fingerprint, read_to) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (deployment, source) DO UPDATE SET fingerprint = excluded.fingerprint, read_to = excluded.read_to");
  if (!s.ok()) return s.status();
  s->bind_text(1, deployment)
      .bind_text(2, source)
      .bind_text(3, fingerprint)
      .bind(4, static_cast<std::int64_t>(read_to));
  return s->run();
}

Result<std::uint64_t> NodeStore::intake_position() {
  auto s = db_.prepare("SELECT seq FROM intake_position WHERE id = 1");
  if (!s.ok()) return s.status();
  auto row = s->step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<std::uint64_t>(s->column_int(0)) : 0;
}

Status NodeStore::set_intake_position(std::uint64_t seq) {
  auto s = cached(update_position_, "UPDATE intake_position SET seq = ?1 WHERE id = 1");
  if (!s.ok()) return s.status();
  (*s)->bind(1, static_cast<std::int64_t>(seq));
  return (*s)->run();
}

Result<bool> NodeStore::journal_alert(std::string_view id, std::string_view deployment, std::string_view rule,
                                      std::string_view json, Timestamp now) {
  auto s = cached(insert_alert_,
                  "INSERT OR IGNORE INTO alerts (id, deployment, rule, json, journaled_at, journaled_ns) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!s.ok()) return s.status();
  (*s)->bind_text(1, id).bind_text(2, deployment).bind_text(3, rule).bind_text(4, json);
  (*s)->bind_text(5, format_timestamp(now)).bind(6, now.nanos_since_epoch());
  CEPHEUS_RETURN_IF_ERROR((*s)->run());
  return db_.changes() > 0;
}

Result<std::vector<JournaledAlert>> NodeStore::alerts(std::int64_t after_seq, std::int64_t since_ns,
                                                      std::size_t limit) {
  auto s = db_.prepare(
      "SELECT seq, deployment, json, journaled_at FROM alerts WHERE seq > ?1 AND journaled_ns >= ?2 "
      "ORDER BY seq LIMIT ?3");
  if (!s.ok()) return s.status();
  s->bind(1, after_seq).bind(2, since_ns).bind(3, static_cast<std::int64_t>(limit));
  return all_rows<JournaledAlert>(*s, [](const SqliteStatement& row) {
    return JournaledAlert{row.column_int(0), column(row, 1), column(row, 2), column(row, 3)};
  });
}

Result<bool> NodeStore::add_dead_letter(const DeadLetter& d, std::string_view now) {
  auto s = cached(insert_dead_letter_,
                  "INSERT OR IGNORE INTO dead_letters (deployment, source, reason, detail, payload, inbox_seq, at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s.ok()) return s.status();
  (*s)->bind_text(1, d.deployment).bind_text(2, d.source).bind_text(3, d.reason).bind_text(4, d.detail);
  (*s)->bind_blob(5, d.payload).bind(6, d.inbox_seq).bind_text(7, now);
  CEPHEUS_RETURN_IF_ERROR((*s)->run());
  return db_.changes() > 0;
}

Result<std::int64_t> NodeStore::trim_alerts(std::size_t limit) {
  auto s = db_.prepare("DELETE FROM alerts WHERE seq <= (SELECT MAX(seq) FROM alerts) - ?1");
  if (!s.ok()) return s.status();
  s->bind(1, static_cast<std::int64_t>(limit));
  CEPHEUS_RETURN_IF_ERROR(s->run());
  return db_.changes();
}

Result<std::int64_t> NodeStore::trim_dead_letters(std::size_t limit) {
  auto s = db_.prepare("DELETE FROM dead_letters WHERE seq <= (SELECT MAX(seq) FROM dead_letters) - ?1");
  if (!s.ok()) return s.status();
  s->bind(1, static_cast<std::int64_t>(limit));
  CEPHEUS_RETURN_IF_ERROR(s->run());
  return db_.changes();
}

Result<std::vector<DeadLetter>> NodeStore::dead_letters(std::string_view deployment, std::size_t limit) {
  auto s = db_.prepare(
      "SELECT deployment, source, reason, detail, payload, inbox_seq FROM dead_letters "
      "WHERE deployment = ?1 ORDER BY seq DESC LIMIT ?2");
  if (!s.ok()) return s.status();
  s->bind_text(1, deployment).bind(2, static_cast<std::int64_t>(limit));
  return all_rows<DeadLetter>(*s, [](const SqliteStatement& row) {
    return DeadLetter{column(row, 0), column(row, 1), column(row, 2),
                      column(row, 3), column(row, 4), row.column_int(5)};
  });
}

}  // namespace cepheus::node
