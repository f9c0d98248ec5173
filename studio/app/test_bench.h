// The test bench: a scenario run on the embedded engine while the analyst
// watches (run, pause, step one event, speed, travel back in time), and the
// project's tests (run one or all, the report of a failure).
//
// The run is a testbench::SteppedRun driven by a timer on the GUI thread in
// small slices, so the window stays responsive; at "max" a slice takes about
// 25 ms. The views read what the engine holds at the current moment: counts
// per node, the alerts so far, the newest events of the tapped node, and the
// partial matches, open windows or twin states of the inspected node. Tests
// run on a worker thread, each on its own engine.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <memory>

#include "alert_list_model.h"
#include "project_document.h"
#include "test_list_model.h"

namespace cepheus::engine {
class TableLoader;
}
namespace cepheus::testbench {
class SteppedRun;
struct TestResult;
}  // namespace cepheus::testbench

namespace cepheus::studio {

class TestBench : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(ProjectDocument* project READ project WRITE setProject NOTIFY projectChanged)
  Q_PROPERTY(QStringList scenarios READ scenarios NOTIFY scenariosChanged)
  Q_PROPERTY(QString scenario READ scenario WRITE setScenario NOTIFY scenarioChanged)
  // idle, running, paused, finished, error
  Q_PROPERTY(QString state READ state NOTIFY stateChanged)
  Q_PROPERTY(QString message READ message NOTIFY stateChanged)
  // Event-time speed: 1, 10, 100 (times real time), or 0 for as fast as it goes.
  Q_PROPERTY(int speed READ speed WRITE setSpeed NOTIFY speedChanged)
  Q_PROPERTY(double position READ position NOTIFY progressed)
  Q_PROPERTY(double known READ known NOTIFY progressed)
  Q_PROPERTY(QString timeText READ timeText NOTIFY progressed)
  Q_PROPERTY(QString offsetText READ offsetText NOTIFY progressed)
  // Where the run is, and how far it has been, as fractions of the scenario's duration.
  Q_PROPERTY(double progress READ progress NOTIFY progressed)
  Q_PROPERTY(double reach READ reach NOTIFY progressed)
  Q_PROPERTY(QString durationText READ durationText NOTIFY stateChanged)
  Q_PROPERTY(int lateEvents READ lateEvents NOTIFY progressed)
  // Per node name: {in, out, dropped}, for the canvas.
  Q_PROPERTY(QVariantMap counts READ counts NOTIFY progressed)
  Q_PROPERTY(AlertListModel* alerts READ alerts CONSTANT)
  // The node whose newest events are listed (a wire's start), and those events: [{time, offset, text}].
  Q_PROPERTY(QString tappedNode READ tappedNode WRITE setTappedNode NOTIFY tappedNodeChanged)
  Q_PROPERTY(QVariantList tappedEvents READ tappedEvents NOTIFY progressed)
  // The node whose state is shown: a pattern's partial matches, a window's open
  // windows, a twin's keys: [{key, what, detail, deadline}].
  Q_PROPERTY(QString inspectedNode READ inspectedNode WRITE setInspectedNode NOTIFY inspectedNodeChanged)
  Q_PROPERTY(QString inspectedKind READ inspectedKind NOTIFY inspectedNodeChanged)
  Q_PROPERTY(QVariantList nodeState READ nodeState NOTIFY progressed)
  Q_PROPERTY(TestListModel* tests READ tests CONSTANT)
  Q_PROPERTY(bool testsRunning READ testsRunning NOTIFY testsRunningChanged)
  Q_PROPERTY(QString testsSummary READ testsSummary NOTIFY testsRunningChanged)

 public:
  explicit TestBench(QObject* parent = nullptr);
  ~TestBench() override;

  // ---- The run ---------------------------------------------------------------
  // Compiles the project as it stands and starts the selected scenario from its beginning.
  Q_INVOKABLE bool start();
  Q_INVOKABLE void pause();
  Q_INVOKABLE void resume();
  // One event (or, at the end, the end of the input); pauses a running run.
  Q_INVOKABLE bool stepOnce();
  Q_INVOKABLE void stop();
  // Time travel: to a fraction of the way the run has been (0..reach), through snapshots.
  Q_INVOKABLE bool seekFraction(double fraction);
  // Runs without the timer until event time `offset` from the start ("3h05m"), for tests and the palette.
  Q_INVOKABLE bool runTo(const QString& offset);
  // Approves or rejects alert `row` for "record to test".
  Q_INVOKABLE void setApproved(int row, bool approved);
  // Writes tests/NAME.toml from the run's alerts; the path, or "" and a message.
  Q_INVOKABLE QString recordTest(const QString& name);

  // ---- Tests -----------------------------------------------------------------
  Q_INVOKABLE void refreshTests();
  // Reads the scenarios/ folder again (after the scenario editor made one).
  Q_INVOKABLE void refreshScenarios() { refresh_scenarios(); }
  // Runs the test called `name`, or every test when it is empty, on a worker thread.
  Q_INVOKABLE bool runTests(const QString& name = {});
  // Blocks until running tests end (for tests of the studio); false on timeout.
  Q_INVOKABLE bool waitForTests(int milliseconds);

  ProjectDocument* project() const { return project_; }
  void setProject(ProjectDocument* project);
  QStringList scenarios() const { return scenarios_; }
  QString scenario() const { return scenario_; }
  void setScenario(const QString& scenario);
  QString state() const { return state_; }
  QString message() const { return message_; }
  int speed() const { return speed_; }
  void setSpeed(int speed);
  double position() const;
  double known() const;
  QString timeText() const;
  QString offsetText() const;
  double progress() const;
  double reach() const;
  QString durationText() const;
  int lateEvents() const;
  QVariantMap counts() const { return counts_; }
  AlertListModel* alerts() { return &alerts_; }
  QString tappedNode() const { return tapped_node_; }
  void setTappedNode(const QString& name);
  QVariantList tappedEvents() const;
  QString inspectedNode() const { return inspected_node_; }
  void setInspectedNode(const QString& name);
  QString inspectedKind() const;
  QVariantList nodeState() const;
  TestListModel* tests() { return &tests_; }
  bool testsRunning() const { return tests_thread_ != nullptr; }
  QString testsSummary() const { return tests_summary_; }

 signals:
  void projectChanged();
  void scenariosChanged();
  void scenarioChanged();
  void stateChanged();
  void speedChanged();
  void progressed();
  void tappedNodeChanged();
  void inspectedNodeChanged();
  void testsRunningChanged();
  // The run stopped on an error, or a test file was written: for the status bar.
  void notice(const QString& text);

 private:
  void tick();
  void set_state(const QString& state, const QString& message = {});
  void after_progress();
  void refresh_counts();
  void refresh_scenarios();
  bool fail(const QString& why);
  std::optional<std::uint32_t> statement_of(const QString& name) const;
  void tests_finished(const std::vector<testbench::TestResult>& results);

  QPointer<ProjectDocument> project_;
  QStringList scenarios_;
  QString scenario_;
  QString state_ = QStringLiteral("idle");
  QString message_;
  int speed_ = 100;
  QTimer timer_;
  QElapsedTimer wall_;     // since the last tick
  double virtual_ms_ = 0;  // event time reached by the timer, in ms from the start
  std::unique_ptr<engine::TableLoader> tables_;
  std::unique_ptr<testbench::SteppedRun> run_;
  QSet<int> rejected_;  // alert rows the analyst rejected
  // Per node name, made once per progress: every node and wire of the canvas reads it.
  QVariantMap counts_;
  AlertListModel alerts_;
  QString tapped_node_;
  QString inspected_node_;
  TestListModel tests_;
  QThread* tests_thread_ = nullptr;
  QString tests_summary_;
};

}  // namespace cepheus::studio
