#include "test_bench.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "cepheus/core/file.h"
#include "cepheus/engine/evaluator.h"
#include "cepheus/host/table_files.h"
#include "cepheus/testbench/recorded_test.h"
#include "cepheus/testbench/stepped_run.h"
#include "cepheus/testbench/test_report.h"
#include "project_plan.h"

namespace cepheus::studio {
namespace {

constexpr int kTickMs = 40;
constexpr int kMaxSliceMs = 25;  // at "max", one slice of the run between two frames

QString q(const std::string& text) {
  return QString::fromStdString(text);
}

// "+03:05:49" from the scenario's start.
QString offset_text(Duration d) {
  const std::int64_t seconds = std::max<std::int64_t>(d.count_nanos() / 1'000'000'000, 0);
  return QStringLiteral("+%1:%2:%3")
      .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
      .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
      .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

// "09:05:49" of an ISO timestamp.
QString clock_text(Timestamp t) {
  return q(format_timestamp(t).substr(11, 8));
}

QString values_text(const std::vector<std::pair<std::string, Value>>& values) {
  QStringList parts;
  for (const auto& [name, value] : values) parts << q(name + "=" + engine::display_text(value));
  return parts.join(QStringLiteral(", "));
}

std::vector<testbench::TestResult> run_test_files(const std::vector<std::string>& files, const std::string& folder,
                                                  const Result<dsl::Plan>& plan) {
  std::vector<testbench::TestResult> results;
  const auto shared = plan.ok() ? std::make_shared<const dsl::Plan>(*plan) : nullptr;
  host::TableFiles tables(folder);
  for (const std::string& file : files) {
    if (shared) {
      results.push_back(testbench::run_test_file(file, folder, shared, tables));
      continue;
    }
    testbench::TestResult result;  // the rules do not compile: every test says so
    result.name = QFileInfo(q(file)).completeBaseName().toStdString();
    result.path = file;
    result.error = plan.status().message();
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace

TestBench::TestBench(QObject* parent) : QObject(parent) {
  timer_.setInterval(kTickMs);
  connect(&timer_, &QTimer::timeout, this, &TestBench::tick);
}

TestBench::~TestBench() {
  if (tests_thread_) tests_thread_->wait();
}

void TestBench::setProject(ProjectDocument* project) {
  if (project_ == project) return;
  if (project_) disconnect(project_, nullptr, this, nullptr);
  project_ = project;
  if (project_) {
    connect(project_, &ProjectDocument::folderChanged, this, [this] {
      stop();
      refresh_scenarios();
      refreshTests();
    });
  }
  refresh_scenarios();
  refreshTests();
  emit projectChanged();
}

void TestBench::refresh_scenarios() {
  QStringList names;
  if (project_ && project_->isOpen()) {
    const QDir dir(project_->folder() + QStringLiteral("/scenarios"));
    for (const QFileInfo& file : dir.entryInfoList({QStringLiteral("*.toml")}, QDir::Files, QDir::Name))
      names << file.completeBaseName();
  }
  if (names != scenarios_) {
    scenarios_ = names;
    emit scenariosChanged();
  }
  if (!scenarios_.contains(scenario_)) setScenario(scenarios_.isEmpty() ? QString() : scenarios_.first());
}

void TestBench::setScenario(const QString& scenario) {
  if (scenario_ == scenario) return;
  scenario_ = scenario;
  emit scenarioChanged();
}

void TestBench::setSpeed(int speed) {
  speed = std::max(speed, 0);
  if (speed_ == speed) return;
  speed_ = speed;
  if (run_) virtual_ms_ = static_cast<double>((run_->time() - run_->start()).count_nanos()) / 1e6;
  emit speedChanged();
}

void TestBench::set_state(const QString& state, const QString& message) {
  if (state_ == state && message_ == message) return;
  state_ = state;
  message_ = message;
  emit stateChanged();
}

bool TestBench::fail(const QString& why) {
  timer_.stop();
  set_state(QStringLiteral("error"), why);
  emit notice(why);
  return false;
}

bool TestBench::start() {
  stop();
  if (!project_ || !project_->isOpen()) return fail(tr("Open a project first."));
  if (scenario_.isEmpty()) return fail(tr("The project has no scenarios/ folder with a scenario (.toml) in it."));
  const std::string folder = project_->folder().toStdString();
  const std::string path = folder + "/scenarios/" + scenario_.toStdString() + ".toml";
  const auto text = read_file(path);
  if (!text.ok()) return fail(q(text.status().message()));
  const auto scenario = testbench::parse_scenario(path, *text);
  if (!scenario.ok()) return fail(q(scenario.status().message()));
  auto plan = compile_texts(project_->state().texts);
  if (!plan.ok()) return fail(q(plan.status().message()));
  tables_ = std::make_unique<host::TableFiles>(folder);
  auto run = testbench::SteppedRun::create(std::make_shared<const dsl::Plan>(std::move(*plan)), *scenario,
                                           folder + "/scenarios", *tables_);
  if (!run.ok()) return fail(q(run.status().message()));
  run_ = std::move(*run);
  run_->set_tap(statement_of(tapped_node_));
  rejected_.clear();
  virtual_ms_ = 0;
  wall_.start();
  timer_.start();
  set_state(QStringLiteral("running"));
  emit inspectedNodeChanged();  // its kind is known now
  after_progress();
  return true;
}

void TestBench::pause() {
  if (state_ != QStringLiteral("running")) return;
  timer_.stop();
  set_state(QStringLiteral("paused"));
}

void TestBench::resume() {
  if (!run_ || (state_ != QStringLiteral("paused"))) return;
  virtual_ms_ = static_cast<double>((run_->time() - run_->start()).count_nanos()) / 1e6;
  wall_.start();
  timer_.start();
  set_state(QStringLiteral("running"));
}

bool TestBench::stepOnce() {
  if (!run_ && !start()) return false;
  timer_.stop();
  const auto stepped = run_->step();
  if (!stepped.ok()) return fail(q(stepped.status().message()));
  set_state(run_->at_end() ? QStringLiteral("finished") : QStringLiteral("paused"));
  after_progress();
  return *stepped;
}

void TestBench::stop() {
  timer_.stop();
  run_.reset();
  tables_.reset();
  rejected_.clear();
  alerts_.update({});
  counts_.clear();
  set_state(QStringLiteral("idle"));
  emit progressed();
}

void TestBench::tick() {
  if (!run_) return;
  Result<std::uint64_t> processed = std::uint64_t{0};
  if (speed_ == 0) {
    QElapsedTimer slice;
    slice.start();
    while (!run_->at_end() && slice.elapsed() < kMaxSliceMs) {
      processed = run_->run_until(Timestamp::max(), 256);
      if (!processed.ok()) break;
    }
  } else {
    virtual_ms_ += static_cast<double>(wall_.restart()) * speed_;
    const Timestamp until = run_->start() + Duration::nanos(static_cast<std::int64_t>(virtual_ms_ * 1e6));
    processed = run_->run_until(until, 200'000);
  }
  if (!processed.ok()) {
    fail(q(processed.status().message()));
    after_progress();
    return;
  }
  if (run_->at_end()) {
    timer_.stop();
    set_state(QStringLiteral("finished"));
  }
  after_progress();
}

bool TestBench::runTo(const QString& offset) {
  if (!run_ && !start()) return false;
  const auto duration = parse_duration(offset.toStdString());
  if (!duration.ok()) return fail(tr("'%1' is not a duration: %2").arg(offset, q(duration.status().message())));
  timer_.stop();
  const auto processed = run_->run_until(run_->start() + *duration, run_->known() + 10'000'000);
  if (!processed.ok()) return fail(q(processed.status().message()));
  set_state(run_->at_end() ? QStringLiteral("finished") : QStringLiteral("paused"));
  after_progress();
  return true;
}

bool TestBench::seekFraction(double fraction) {
  if (!run_) return false;
  fraction = std::clamp(fraction, 0.0, reach());
  const double nanos = fraction * static_cast<double>(run_->duration().count_nanos());
  const Timestamp target = run_->start() + Duration::nanos(static_cast<std::int64_t>(nanos));
  const bool was_running = state_ == QStringLiteral("running");
  const Status moved = run_->seek(run_->position_at(target));
  if (!moved.ok()) return fail(q(moved.message()));
  rejected_.removeIf([&](int row) { return row > static_cast<int>(run_->alerts().size()); });
  if (was_running) {
    resume();
  } else if (state_ == QStringLiteral("finished")) {
    set_state(QStringLiteral("paused"));
  }
  after_progress();
  return true;
}

void TestBench::after_progress() {
  std::vector<AlertRow> rows;
  if (run_) {
    const auto& alerts = run_->alerts();
    rows.reserve(alerts.size());
    const double span = static_cast<double>(run_->duration().count_nanos());
    for (std::size_t i = 0; i < alerts.size(); ++i) {
      const testbench::AlertRecord& a = alerts[i].record;
      const int id = static_cast<int>(i) + 1;
      const Duration since = a.time - run_->start();
      rows.push_back({id, q(a.rule), q(a.severity), q(a.message), q(a.key), clock_text(a.time), offset_text(since),
                      span > 0 ? std::clamp(static_cast<double>(since.count_nanos()) / span, 0.0, 1.0) : 0.0,
                      !rejected_.contains(id)});
    }
  }
  alerts_.update(std::move(rows));
  refresh_counts();
  emit progressed();
}

void TestBench::setApproved(int row, bool approved) {
  const int id = row + 1;
  if (approved)
    rejected_.remove(id);
  else
    rejected_.insert(id);
  after_progress();
}

QString TestBench::recordTest(const QString& name) {
  if (!run_ || !project_) {
    fail(tr("Run a scenario first: a test is recorded from a run's alerts."));
    return {};
  }
  static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]+$"));
  if (!plain.match(name).hasMatch()) {
    emit notice(tr("A test's name is letters, digits, '_' and '-': '%1' is not.").arg(name));
    return {};
  }
  const QString folder = project_->folder() + QStringLiteral("/tests");
  const QString path = folder + QLatin1Char('/') + name + QStringLiteral(".toml");
  if (QFileInfo::exists(path)) {
    emit notice(tr("%1 exists already; choose another name.").arg(path));
    return {};
  }
  std::vector<testbench::ReviewedAlert> reviewed;
  int approved = 0;
  for (std::size_t i = 0; i < run_->alerts().size(); ++i) {
    const bool ok = !rejected_.contains(static_cast<int>(i) + 1);
    approved += ok ? 1 : 0;
    reviewed.push_back({run_->alerts()[i].record, ok});
  }
  const std::string description = "Scenario " + scenario_.toStdString() + ": " + std::to_string(approved) +
                                  " approved alert(s) up to " + offset_text(run_->time() - run_->start()).toStdString();
  QDir().mkpath(folder);
  const Status written = write_file_atomically(
      path.toStdString(), testbench::recorded_test(scenario_.toStdString(), description, run_->start(), reviewed));
  if (!written.ok()) {
    emit notice(q(written.message()));
    return {};
  }
  refreshTests();
  emit notice(tr("Recorded %1 with %2 approved alert(s).").arg(path).arg(approved));
  return path;
}

double TestBench::position() const {
  return run_ ? static_cast<double>(run_->position()) : 0;
}
double TestBench::known() const {
  return run_ ? static_cast<double>(run_->known()) : 0;
}
QString TestBench::timeText() const {
  return run_ ? clock_text(run_->time()) : QString();
}
QString TestBench::offsetText() const {
  return run_ ? offset_text(run_->time() - run_->start()) : QString();
}
QString TestBench::durationText() const {
  return run_ ? offset_text(run_->duration()) : QString();
}

double TestBench::progress() const {
  if (!run_ || run_->duration().count_nanos() <= 0) return 0;
  if (run_->at_end()) return 1;
  const double done = static_cast<double>((run_->time() - run_->start()).count_nanos());
  return std::clamp(done / static_cast<double>(run_->duration().count_nanos()), 0.0, 1.0);
}

double TestBench::reach() const {
  if (!run_ || run_->duration().count_nanos() <= 0) return 0;
  const double known = static_cast<double>((run_->time_at(run_->known()) - run_->start()).count_nanos());
  return std::clamp(known / static_cast<double>(run_->duration().count_nanos()), progress(), 1.0);
}

int TestBench::lateEvents() const {
  if (!run_) return 0;
  std::uint64_t late = 0;
  for (dsl::StatementId id = 0; id < run_->plan().statements.size(); ++id) late += run_->engine().counters(id).late;
  return static_cast<int>(late);
}

void TestBench::refresh_counts() {
  counts_.clear();
  if (!run_) return;
  const auto& statements = run_->plan().statements;
  for (dsl::StatementId id = 0; id < statements.size(); ++id) {
    const engine::StatementCounters& c = run_->engine().counters(id);
    counts_.insert(q(statements[id].name), QVariantMap{{QStringLiteral("in"), static_cast<double>(c.in)},
                                                       {QStringLiteral("out"), static_cast<double>(c.out)},
                                                       {QStringLiteral("dropped"), static_cast<double>(c.dropped)}});
  }
}

std::optional<std::uint32_t> TestBench::statement_of(const QString& name) const {
  if (!run_ || name.isEmpty()) return std::nullopt;
  const std::string wanted = name.toStdString();
  const auto& statements = run_->plan().statements;
  for (dsl::StatementId id = 0; id < statements.size(); ++id)
    if (statements[id].name == wanted) return id;
  return std::nullopt;
}

void TestBench::setTappedNode(const QString& name) {
  if (tapped_node_ == name) return;
  tapped_node_ = name;
  if (run_) run_->set_tap(statement_of(name));
  emit tappedNodeChanged();
  emit progressed();
}

QVariantList TestBench::tappedEvents() const {
  QVariantList events;
  if (!run_) return events;
  const auto& tapped = run_->tapped();
  for (auto it = tapped.rbegin(); it != tapped.rend() && events.size() < 200; ++it)
    events.push_back(QVariantMap{{QStringLiteral("time"), clock_text(it->time)},
                                 {QStringLiteral("offset"), offset_text(it->time - run_->start())},
                                 {QStringLiteral("text"), q(it->text)}});
  return events;
}

void TestBench::setInspectedNode(const QString& name) {
  if (inspected_node_ == name) return;
  inspected_node_ = name;
  emit inspectedNodeChanged();
  emit progressed();
}

QString TestBench::inspectedKind() const {
  const auto id = statement_of(inspected_node_);
  return id ? q(std::string(dsl::statement_keyword(run_->plan().statements[*id].kind))) : QString();
}

QVariantList TestBench::nodeState() const {
  QVariantList rows;
  const auto id = statement_of(inspected_node_);
  if (!id) return rows;
  const engine::Engine& engine = run_->engine();
  const auto row = [&](const std::string& key, const QString& what, const QString& detail, const QString& deadline) {
    rows.push_back(QVariantMap{{QStringLiteral("key"), q(key)},
                               {QStringLiteral("what"), what},
                               {QStringLiteral("detail"), detail},
                               {QStringLiteral("deadline"), deadline}});
  };
  switch (run_->plan().statements[*id].kind) {
    case dsl::StatementKind::kPattern:
      for (const engine::PartialMatch& m : engine.partial_matches(*id, 200))
        row(m.key, tr("waits in '%1'").arg(q(m.step)),
            tr("%n event(s) since %1", "", static_cast<int>(m.events)).arg(offset_text(m.start - run_->start())),
            m.deadline == Timestamp::max() ? QString() : offset_text(m.deadline - run_->start()));
      break;
    case dsl::StatementKind::kWindow:
      for (const engine::OpenWindow& w : engine.open_windows(*id, 200))
        row(w.key, offset_text(w.start - run_->start()) + QStringLiteral(" – ") + offset_text(w.end - run_->start()),
            values_text(w.values), QString());
      break;
    case dsl::StatementKind::kTwin:
      for (const engine::TwinState& t : engine.twin_states(*id, 200))
        row(t.key, tr("updated %1").arg(offset_text(t.updated - run_->start())), values_text(t.properties), QString());
      break;
    default: break;
  }
  return rows;
}

// ---- Tests -------------------------------------------------------------------

void TestBench::refreshTests() {
  std::vector<TestRow> rows;
  if (project_ && project_->isOpen()) {
    const QDir dir(project_->folder() + QStringLiteral("/tests"));
    int id = 0;
    for (const QFileInfo& file : dir.entryInfoList({QStringLiteral("*.toml")}, QDir::Files, QDir::Name)) {
      TestRow row{++id, file.completeBaseName(), file.absoluteFilePath(), {}, tr("not run"), {}, {}, {}};
      for (const TestRow& old : tests_.rows())
        if (old.path == row.path)
          row = TestRow{id, old.name, old.path, old.description, old.status, old.summary, old.details, old.rule};
      rows.push_back(std::move(row));
    }
  }
  tests_.update(std::move(rows));
}

bool TestBench::runTests(const QString& name) {
  if (tests_thread_ || !project_ || !project_->isOpen()) return false;
  refreshTests();
  std::vector<std::string> files;
  std::vector<TestRow> rows = tests_.rows();
  for (TestRow& row : rows) {
    if (!name.isEmpty() && row.name != name) continue;
    files.push_back(row.path.toStdString());
    row.status = QStringLiteral("running");
  }
  if (files.empty()) {
    emit notice(name.isEmpty() ? tr("The project has no tests (tests/*.toml).") : tr("No test called %1.").arg(name));
    return false;
  }
  tests_.update(std::move(rows));
  auto plan = std::make_shared<Result<dsl::Plan>>(compile_texts(project_->state().texts));
  auto results = std::make_shared<std::vector<testbench::TestResult>>();
  const std::string folder = project_->folder().toStdString();
  tests_thread_ = QThread::create([files, folder, plan, results] { *results = run_test_files(files, folder, *plan); });
  connect(tests_thread_, &QThread::finished, this, [this, results] {
    tests_thread_->deleteLater();
    tests_thread_ = nullptr;
    tests_finished(*results);
  });
  tests_thread_->start();
  emit testsRunningChanged();
  return true;
}

bool TestBench::waitForTests(int milliseconds) {
  if (!tests_thread_) return true;
  if (!tests_thread_->wait(QDeadlineTimer(milliseconds))) return false;
  QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
  return tests_thread_ == nullptr;
}

void TestBench::tests_finished(const std::vector<testbench::TestResult>& results) {
  std::vector<TestRow> rows = tests_.rows();
  int passed = 0;
  for (const testbench::TestResult& r : results) {
    passed += r.passed ? 1 : 0;
    for (TestRow& row : rows) {
      if (row.path.toStdString() != r.path && row.name.toStdString() != r.name) continue;
      row.description = q(r.description);
      row.status = r.passed          ? QStringLiteral("passed")
                   : r.error.empty() ? QStringLiteral("failed")
                                     : QStringLiteral("error");
      row.summary = r.error.empty()
                        ? tr("%1 events, %2 alerts, %3 s").arg(r.events).arg(r.alerts).arg(r.seconds, 0, 'f', 2)
                        : q(r.error);
      row.details = q(testbench::text_report({r}));
      row.rule.clear();
      for (const testbench::ExpectationResult& e : r.expectations)
        if (!e.passed && row.rule.isEmpty()) row.rule = q(e.expectation.alert);
      if (row.rule.isEmpty() && !r.unexpected.empty()) row.rule = q(r.unexpected.front().rule);
    }
  }
  tests_.update(std::move(rows));
  tests_summary_ = tr("%1 of %2 passed").arg(passed).arg(results.size());
  emit testsRunningChanged();
}

}  // namespace cepheus::studio
