// The test bench in the real window: a scenario run with counts on the canvas,
// the partial matches of a pattern, travel back in time, the project's tests
// with a failure explained, and a run recorded as a test.
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include "screenshot_check.h"
#include "studio_window.h"
#include "template_copy.h"

namespace cepheus::studio {
namespace {

QString text_of(QQuickItem* item) {
  return item ? item->property("text").toString() : QString();
}

bool any_row_mentions(const QVariantList& rows, const QString& text) {
  for (const QVariant& row : rows)
    for (const QVariant& value : row.toMap())
      if (value.toString().contains(text)) return true;
  return false;
}

TEST(StudioBench, RunsAScenarioWithCountsOnTheCanvasAndShowsPartialMatches) {
  QTemporaryDir folder;
  StudioWindow studio(copy_template(folder, "predictive-maintenance"), "light", "overheating");
  ASSERT_NE(studio.window(), nullptr);
  TestBench& bench = studio.bench();
  EXPECT_EQ(bench.scenarios(), QStringList{"plant_day"});
  EXPECT_EQ(studio.find("bench.timeline"), nullptr);  // hidden until used

  // F5 opens the bench and runs the scenario; then to 3h01m, press-07 in the middle of overheating.
  studio.key(Qt::Key_F5);
  StudioWindow::settle(100);
  ASSERT_EQ(bench.state(), "running") << bench.message().toStdString();
  ASSERT_NE(studio.find("bench.timeline"), nullptr);
  ASSERT_TRUE(bench.runTo("3h1m")) << bench.message().toStdString();
  StudioWindow::settle(150);
  EXPECT_EQ(bench.state(), "paused");
  EXPECT_EQ(bench.offsetText(), "+03:00:59");

  // Counts on the nodes and on the wires.
  const QVariantMap readings = bench.counts().value("readings").toMap();
  EXPECT_GT(readings.value("out").toDouble(), 6000);
  QQuickItem* pill = studio.find("count.readings");
  ASSERT_NE(pill, nullptr);
  EXPECT_TRUE(StudioWindow::find_type(pill, "Text") != nullptr);
  EXPECT_TRUE(text_of(StudioWindow::find_type(pill, "Text")).contains("in · "));
  QQuickItem* wire = studio.find("wireCount.readings.overheating");
  ASSERT_NE(wire, nullptr);
  EXPECT_EQ(text_of(StudioWindow::find_type(wire, "Text")), QString::number(readings.value("out").toLongLong()));

  // The selected pattern's partial matches: press-07 has hot readings and waits for more.
  EXPECT_EQ(bench.inspectedNode(), "overheating");
  EXPECT_EQ(bench.inspectedKind(), "pattern");
  EXPECT_TRUE(any_row_mentions(bench.nodeState(), "press-07")) << bench.nodeState().size();
  ASSERT_NE(studio.find("bench.state"), nullptr);
  // The events out of the selected node's input: select the source, its events are listed.
  studio.document().selectNode(*studio.document().id_of("readings"), false);
  StudioWindow::settle(50);
  EXPECT_EQ(bench.tappedNode(), "readings");
  ASSERT_TRUE(bench.stepOnce());
  EXPECT_EQ(bench.tappedEvents().size(), 1);
  EXPECT_TRUE(bench.tappedEvents().at(0).toMap().value("text").toString().contains("device="))
      << bench.tappedEvents().at(0).toMap().value("text").toString().toStdString();
  studio.document().selectNode(*studio.document().id_of("overheating"), false);
  ASSERT_TRUE(bench.runTo("3h3m10s"));
  // Room for the canvas: the rule text and the problems hidden (Ctrl+4, Ctrl+5), the graph fitted (Ctrl+0).
  studio.key(Qt::Key_4, Qt::ControlModifier);
  studio.key(Qt::Key_5, Qt::ControlModifier);
  StudioWindow::settle(100);
  studio.key(Qt::Key_0, Qt::ControlModifier);
  StudioWindow::settle(150);
  check_and_save(studio.grab(), "studio-bench-run.png", false);

  // To the end: press-07 drifts at +3h02m and overheats (reported at +3h05m49s, the absence's deadline).
  ASSERT_TRUE(bench.runTo("25h"));
  EXPECT_EQ(bench.state(), "finished");
  ASSERT_EQ(bench.alerts()->count(), 2);
  EXPECT_EQ(bench.alerts()->rows().at(0).rule, "drifting");
  EXPECT_EQ(bench.alerts()->rows().at(1).rule, "overheated");
  EXPECT_EQ(bench.alerts()->rows().at(1).offset, "+03:05:49");
  EXPECT_TRUE(bench.alerts()->rows().at(1).message.contains("press-07"));

  // Back in time, to 3h01m30s: no alert yet, and press-07's partial match is back.
  ASSERT_TRUE(bench.seekFraction((3 * 3600 + 90) / (24.0 * 3600)));
  EXPECT_EQ(bench.state(), "paused");
  EXPECT_EQ(bench.alerts()->count(), 0);
  EXPECT_TRUE(bench.offsetText().startsWith("+03:01:")) << bench.offsetText().toStdString();
  EXPECT_TRUE(any_row_mentions(bench.nodeState(), "press-07"));
  // And forward again: the same alerts.
  ASSERT_TRUE(bench.runTo("25h"));
  EXPECT_EQ(bench.alerts()->count(), 2);
}

TEST(StudioBench, RunsTheTestsAndExplainsAFailureThenRecordsARunAsATest) {
  QTemporaryDir folder;
  const QString project = copy_template(folder, "predictive-maintenance");
  StudioWindow studio(project, "light", "overheating");
  ASSERT_NE(studio.window(), nullptr);
  TestBench& bench = studio.bench();
  ASSERT_EQ(bench.tests()->count(), 2);

  // Ctrl+Shift+T runs them all: they pass.
  studio.key(Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
  ASSERT_TRUE(bench.waitForTests(60'000));
  for (const TestRow& row : bench.tests()->rows())
    EXPECT_EQ(row.status, "passed") << row.name.toStdString() << "\n" << row.details.toStdString();
  EXPECT_EQ(bench.testsSummary(), "2 of 2 passed");

  // The threshold raised in the text (not saved): the tests run on the rules as they stand, and fail.
  ProjectDocument& document = studio.document();
  const int overheating = *document.id_of("overheating");
  QString statement = document.statementText(overheating);
  statement.replace("temp > 80", "temp > 90");
  ASSERT_TRUE(document.setStatementText(overheating, statement)) << document.lastMessage().toStdString();
  ASSERT_TRUE(bench.runTests());
  ASSERT_TRUE(bench.waitForTests(60'000));
  const TestRow& failed = bench.tests()->rows().at(1);
  EXPECT_EQ(failed.name, "overheating_unattended");
  EXPECT_EQ(failed.status, "failed");
  EXPECT_TRUE(failed.details.contains("failed > 90 at +3h")) << failed.details.toStdString();
  EXPECT_EQ(failed.rule, "overheated");
  // Its report in the view, and "Go to overheated" selects the rule.
  QQuickItem* list = studio.find("tests.list");
  ASSERT_NE(list, nullptr);
  list->setProperty("currentIndex", 1);
  StudioWindow::settle(80);
  EXPECT_TRUE(text_of(studio.find("tests.details")).contains("why:"))
      << text_of(studio.find("tests.details")).toStdString();
  check_and_save(studio.grab(), "studio-bench-test-failure.png", false);
  studio.click(studio.centre(studio.find("tests.goToRule")));
  StudioWindow::settle(50);
  EXPECT_EQ(document.selectedNode(), *document.id_of("overheated"));

  // Back to 80; a run to the end, its alert approved, recorded as a test that then passes.
  document.undo();
  ASSERT_TRUE(bench.runTo("25h")) << bench.message().toStdString();
  ASSERT_EQ(bench.alerts()->count(), 2);
  const QString path = bench.recordTest("recorded_day");
  ASSERT_EQ(path, project + "/tests/recorded_day.toml");
  QFile recorded(path);
  ASSERT_TRUE(recorded.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(recorded.readAll());
  EXPECT_TRUE(text.contains("scenario = \"plant_day\"\nonly = true\n")) << text.toStdString();
  EXPECT_TRUE(
      text.contains("[expect.overheated_press_07]\nalert = \"overheated\"\ncount = 1\nafter = \"184m\"\n"
                    "before = \"187m\"\nseverity = \"high\"\nfields.device = \"press-07\"\n"))
      << text.toStdString();
  EXPECT_EQ(bench.recordTest("recorded_day"), "");  // never overwrites
  ASSERT_EQ(bench.tests()->count(), 3);
  ASSERT_TRUE(bench.runTests("recorded_day"));
  ASSERT_TRUE(bench.waitForTests(60'000));
  for (const TestRow& row : bench.tests()->rows())
    if (row.name == "recorded_day") EXPECT_EQ(row.status, "passed") << row.details.toStdString();
}

}  // namespace
}  // namespace cepheus::studio
