// The scenario editor in the real window: a template's scenario edited through
// its forms (field specs, anomalies and their keys, a renamed population, script rows, an
// imported recording), its comments kept, bad input shown on the item it
// concerns and undone, and the edited scenario run on the bench.
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include "cepheus/core/file.h"
#include "cepheus/testbench/scenario.h"
#include "screenshot_check.h"
#include "studio_window.h"
#include "template_copy.h"

namespace cepheus::studio {
namespace {

QString read_text(const QString& path) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
  return QString::fromUtf8(file.readAll());
}

int comment_lines(const QString& text) {
  int n = 0;
  for (const QString& line : text.split('\n'))
    if (line.trimmed().startsWith('#')) ++n;
  return n;
}

QVariantMap named(const QVariantList& rows, const QString& name) {
  for (const QVariant& row : rows)
    if (row.toMap().value("name") == name || row.toMap().value("field") == name) return row.toMap();
  return {};
}

// Scrolls the item called `name` into view and clicks it; false when there is none.
bool click_named(StudioWindow& studio, const QString& name) {
  QQuickItem* item = studio.find(name);
  if (!item) return false;
  StudioWindow::scroll_into_view(item);
  StudioWindow::settle(50);
  studio.click(studio.centre(item));
  StudioWindow::settle(100);
  return true;
}

TEST(StudioScenarioEditor, EditsAScenarioThroughItsFormsAndKeepsItsComments) {
  QTemporaryDir folder;
  const QString project = copy_template(folder, "predictive-maintenance");
  const QString file = project + "/scenarios/plant_day.toml";
  const QString original = read_text(file);
  StudioWindow studio(project);
  ASSERT_NE(studio.window(), nullptr);
  ScenarioEditor& editor = studio.scenario_editor();

  // Run › Edit Scenario (Ctrl+Shift+E) opens the bench on the scenario the bench runs.
  studio.key(Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
  StudioWindow::settle(150);
  EXPECT_EQ(editor.name(), "plant_day");
  EXPECT_EQ(editor.problem(), "");
  ASSERT_NE(studio.find("scenario.generator.readings"), nullptr);
  EXPECT_EQ(editor.settings().value("duration"), "24h");

  // The generator lists every field of its source; the time field is not required.
  const QVariantMap readings = named(editor.generators(), "readings");
  const QVariantList fields = readings.value("fields").toList();
  const QVariantMap temp = named(fields, "temp");
  EXPECT_EQ(temp.value("kind"), "walk");
  EXPECT_EQ(temp.value("max"), "78");
  EXPECT_TRUE(temp.value("required").toBool());
  EXPECT_FALSE(named(fields, "ts").value("required").toBool());
  EXPECT_NE(studio.find("scenario.field.generate.readings.temp"), nullptr);

  // One part of a spec, through the form: only that value changes, every comment stays.
  ASSERT_TRUE(editor.setFieldSpecPart("generate.readings", "temp", "max", "80"));
  QString text = read_text(file);
  EXPECT_TRUE(text.contains("temp = \"walk 70 0.3 min 60 max 80\"")) << text.toStdString();
  EXPECT_EQ(comment_lines(text), comment_lines(original));
  EXPECT_EQ(text.size(), original.size());
  editor.undo();
  EXPECT_EQ(read_text(file), original);
  editor.redo();

  // Typed into the form: a field's spec as text, and the duration.
  QQuickItem* vibration = studio.find("scenario.field.generate.readings.vibration.spec");
  ASSERT_NE(vibration, nullptr);
  StudioWindow::scroll_into_view(vibration);
  studio.fill(vibration, "normal 0.5 0.05 min 0");
  EXPECT_TRUE(read_text(file).contains("vibration = \"normal 0.5 0.05 min 0\"")) << read_text(file).toStdString();
  QQuickItem* duration = studio.find("scenario.duration");
  StudioWindow::scroll_into_view(duration);
  studio.fill(StudioWindow::find_type(duration, "TextField"), "20h");
  EXPECT_EQ(editor.settings().value("duration"), "20h");
  EXPECT_TRUE(read_text(file).contains("duration = \"20h\"\n"));

  // An anomaly, for two keys; a population renamed with the generator that uses it.
  const QString anomaly = editor.addItem("anomaly");
  EXPECT_EQ(anomaly, "anomaly.anomaly");
  ASSERT_TRUE(editor.setValue(anomaly, "keys", "press-01, press-02", "list"));
  ASSERT_TRUE(editor.renameItem("population.device", "presses"));
  EXPECT_EQ(named(editor.generators(), "readings").value("per"), "presses");
  EXPECT_EQ(editor.problem(), "") << editor.problem().toStdString();

  // Script rows: added, changed, removed.
  ASSERT_TRUE(editor.addScriptEvent("9h", "maintenance", R"({"device": "press-07", "technician": "bo"})"));
  ASSERT_EQ(editor.script().size(), 2);
  ASSERT_TRUE(editor.setScriptEvent(1, "9h30m", "maintenance", R"({"device": "press-07", "technician": "cy"})"));
  EXPECT_TRUE(read_text(file).contains(R"(+9h30m maintenance {"device": "press-07", "technician": "cy"})"));
  ASSERT_TRUE(editor.removeScriptEvent(0));
  ASSERT_EQ(editor.script().size(), 1);
  // A spec that does not read: the message names the file and line, and sits on the generator.
  ASSERT_TRUE(editor.setFieldSpec("generate.readings", "vibration", "normal 0.4"));
  EXPECT_TRUE(editor.problem().contains("plant_day.toml:")) << editor.problem().toStdString();
  EXPECT_TRUE(editor.problem().contains("vibration")) << editor.problem().toStdString();
  EXPECT_NE(named(editor.generators(), "readings").value("problem"), "");
  StudioWindow::settle(50);
  ASSERT_NE(studio.find("scenario.problem"), nullptr);
  editor.undo();
  EXPECT_EQ(editor.problem(), "");
  EXPECT_TRUE(editor.canRedo());

  // A recording from outside the project: copied in, its source guessed, a column mapped.
  QTemporaryDir outside;
  const QString csv = outside.filePath("hall_b.csv");
  {
    QFile out(csv);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(
        "ts,Device,temp,vibration,site\n"
        "2026-11-01T10:00:00Z,press-90,71.5,0.4,north\n"
        "2026-11-01T10:00:20Z,press-90,72.0,0.4,north\n");
  }
  const QString replay = editor.importRecording(csv);
  ASSERT_EQ(replay, "replay.hall_b") << editor.problem().toStdString();
  EXPECT_TRUE(QFile::exists(project + "/scenarios/recordings/hall_b.csv"));
  const QVariantMap imported = named(editor.replays(), "hall_b");
  EXPECT_EQ(imported.value("file"), "recordings/hall_b.csv");
  EXPECT_EQ(imported.value("source"), "readings");
  ASSERT_EQ(imported.value("columns").toList().size(), 1);
  EXPECT_EQ(imported.value("columns").toList().at(0).toMap().value("field"), "device");
  EXPECT_EQ(editor.problem(), "") << editor.problem().toStdString();

  // The preview makes the events, and the bench runs the edited scenario to its end.
  editor.refreshPreview();
  EXPECT_EQ(editor.preview().size(), 100);
  EXPECT_TRUE(editor.previewSummary().contains("events, from 2026-11-20T06:00:00"))
      << editor.previewSummary().toStdString();
  // Room for the forms: the rule text and the problems hidden (Ctrl+4, Ctrl+5).
  studio.key(Qt::Key_4, Qt::ControlModifier);
  studio.key(Qt::Key_5, Qt::ControlModifier);
  StudioWindow::settle(100);
  StudioWindow::scroll_into_view(studio.find("scenario.field.anomaly.press07_overheats.temp"));
  StudioWindow::settle(100);
  check_and_save(studio.grab(), "studio-scenario-editor.png", false);
  // Rows move: events at the same offset go in the order of their rows.
  ASSERT_TRUE(editor.addScriptEvent("9h30m", "maintenance", R"({"device": "press-01", "technician": "al"})"));
  StudioWindow::settle(50);
  ASSERT_TRUE(click_named(studio, "scenario.script.1.up"));
  EXPECT_EQ(editor.script().at(0).toMap().value("json"), R"({"device": "press-01", "technician": "al"})");
  EXPECT_TRUE(
      read_text(file).contains("+9h30m maintenance {\"device\": \"press-01\", \"technician\": \"al\"}\n"
                               "+9h30m maintenance {\"device\": \"press-07\""));
  EXPECT_FALSE(editor.moveScriptEvent(0, -1));
  ASSERT_TRUE(editor.removeScriptEvent(0));
  ASSERT_EQ(editor.script().size(), 1);
  EXPECT_EQ(editor.problem(), "") << editor.problem().toStdString();

  // More keys picked from the generator's population in a popup, found by a filter.
  EXPECT_EQ(editor.keysOf("readings", "press-1"), (QStringList{"press-10", "press-11", "press-12"}));
  EXPECT_EQ(editor.keysOf("readings", "", 5).size(), 5);
  ASSERT_TRUE(click_named(studio, "scenario.anomaly.2.pickKeys"));
  ASSERT_NE(studio.find("scenario.keyFilter"), nullptr);
  studio.fill(studio.find("scenario.keyFilter"), "press-12");
  StudioWindow::settle(100);
  QQuickItem* only = StudioWindow::find_type(studio.find("scenario.keyList"), "CheckDelegate");
  ASSERT_NE(only, nullptr);
  studio.click(studio.centre(only));
  StudioWindow::settle(50);
  EXPECT_EQ(named(editor.anomalies(), "anomaly").value("keys"), "press-01, press-02, press-12");
  check_and_save(studio.grab(), "studio-scenario-keys.png", false);
  studio.key(Qt::Key_Escape);
  StudioWindow::settle(50);
  TestBench& bench = studio.bench();
  ASSERT_TRUE(bench.start()) << bench.message().toStdString();
  ASSERT_TRUE(bench.runTo("25h")) << bench.message().toStdString();
  EXPECT_EQ(bench.state(), "finished");

  // Text that is not TOML: the forms keep the last good reading, the message says where.
  const int generators = editor.generators().size();
  ASSERT_TRUE(editor.setText("[generate.readings\n"));
  EXPECT_TRUE(editor.problem().contains("line 1")) << editor.problem().toStdString();
  EXPECT_EQ(editor.generators().size(), generators);
  editor.undo();
  EXPECT_EQ(editor.problem(), "");
  const auto parsed = testbench::parse_scenario("plant_day.toml", read_text(file).toStdString());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->anomalies.size(), 3u);
  EXPECT_EQ(parsed->replays.size(), 1u);
}

TEST(StudioScenarioEditor, MakesANewScenarioThatRunsAsItIs) {
  QTemporaryDir folder;
  const QString project = copy_template(folder, "login-brute-force");
  StudioWindow studio(project);
  ScenarioEditor& editor = studio.scenario_editor();
  EXPECT_FALSE(editor.create("bad name/"));
  EXPECT_TRUE(editor.problem().contains("cannot be a scenario's name"));
  ASSERT_TRUE(editor.create("night_shift")) << editor.problem().toStdString();
  EXPECT_EQ(editor.name(), "night_shift");
  EXPECT_EQ(editor.problem(), "") << editor.problem().toStdString() << "\n" << editor.text().toStdString();
  EXPECT_FALSE(editor.create("night_shift"));
  EXPECT_EQ(editor.generators().size(), 1);
  // A second generator and a population: still a scenario that runs.
  EXPECT_NE(editor.addItem("generate"), "");
  EXPECT_NE(editor.addItem("population"), "");
  EXPECT_EQ(editor.problem(), "") << editor.problem().toStdString();
  TestBench& bench = studio.bench();
  bench.refreshScenarios();
  EXPECT_TRUE(bench.scenarios().contains("night_shift"));
  bench.setScenario("night_shift");
  ASSERT_TRUE(bench.start()) << bench.message().toStdString();
  ASSERT_TRUE(bench.runTo("2h")) << bench.message().toStdString();
  EXPECT_EQ(bench.state(), "finished");
}

}  // namespace
}  // namespace cepheus::studio
