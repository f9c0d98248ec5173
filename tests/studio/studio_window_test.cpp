// The studio's window, driven like a user would: a project built on the canvas
// with the mouse and the keyboard, and screenshots of the main views.
#include <gtest/gtest.h>

#include <QtQml/qqmlextensionplugin.h>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QTemporaryDir>

#include "screenshot_check.h"
#include "studio_window.h"
#include "template_copy.h"

Q_IMPORT_QML_PLUGIN(Cepheus_StudioPlugin)

namespace cepheus::studio {
namespace {

TEST(StudioWindow, ShowsTheRunningExampleOnTheCanvasAndInTheText) {
  QTemporaryDir folder;
  StudioWindow studio(copy_template(folder, "predictive-maintenance"));
  ASSERT_NE(studio.window(), nullptr);
  EXPECT_EQ(studio.document().nodes()->rowCount(), 15);
  for (const char* name : {"node.readings", "node.overheating", "node.overheated", "node.device_state"})
    EXPECT_NE(studio.find(name), nullptr) << name;
  EXPECT_NE(studio.find("palette.pattern"), nullptr);
  auto* editor = studio.find("ruleEditor");
  ASSERT_NE(editor, nullptr);
  EXPECT_EQ(editor->property("text").toString(), studio.document().currentText());
  check_and_save(studio.grab(), "studio-main.png", false);
}

TEST(StudioWindow, TheInspectorShowsAPatternAsAFormAndASentence) {
  QTemporaryDir folder;
  StudioWindow studio(copy_template(folder, "predictive-maintenance"), "light", "overheating");
  ASSERT_NE(studio.window(), nullptr);
  EXPECT_EQ(studio.document().selectedNode(), studio.document().id_of("overheating").value_or(-2));
  auto* name = studio.find("inspector.name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->property("text").toString(), "overheating");
  ASSERT_NE(studio.find("field.partition by"), nullptr);
  // The steps in the pattern builder: stream, count and condition as controls.
  ASSERT_NE(studio.find("patternBuilder"), nullptr);
  QQuickItem* stream = studio.find("step.0.stream");
  ASSERT_NE(stream, nullptr);
  EXPECT_EQ(stream->property("currentText").toString(), "readings");
  QQuickItem* count = studio.find("step.0.count");
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->property("currentValue").toString(), "exactly");
  QQuickItem* absence = studio.find("step.1.kind");
  ASSERT_NE(absence, nullptr);
  EXPECT_EQ(absence->property("currentValue").toString(), "absence");
  // The text stays one click away.
  EXPECT_EQ(studio.find("field.match"), nullptr);
  studio.click(studio.centre(studio.find("inspector.editAsText")));
  StudioWindow::settle(50);
  EXPECT_NE(studio.find("field.match"), nullptr);
  studio.click(studio.centre(studio.find("inspector.editAsText")));
  StudioWindow::settle(50);
  check_and_save(studio.grab(), "studio-inspector-pattern.png", false);
}

TEST(StudioWindow, TheDarkThemeIsDark) {
  QTemporaryDir folder;
  StudioWindow studio(copy_template(folder, "predictive-maintenance"), "dark", "overheating");
  ASSERT_NE(studio.window(), nullptr);
  check_and_save(studio.grab(), "studio-dark.png", true);
}

TEST(StudioWindow, BuildsTheRunningExampleWithMouseAndKeysAndUndoesItAll) {
  QTemporaryDir folder;
  const QString project = folder.filePath("example");
  QDir().mkpath(project);
  QFile rules(project + "/rules.cep");
  ASSERT_TRUE(rules.open(QIODevice::WriteOnly));
  rules.close();
  StudioWindow studio(project);
  ASSERT_NE(studio.window(), nullptr);
  ProjectDocument& document = studio.document();
  ASSERT_TRUE(document.isOpen());

  // Drops a palette tile on the canvas; the new node comes selected.
  auto drop = [&](const char* kind, double x, double y) {
    // The palette is filtered to the kind, as a user looking for it would, so its tile is in view.
    QQuickItem* filter = studio.find("palette.filter");
    ASSERT_NE(filter, nullptr);
    studio.click(studio.centre(filter));
    studio.key(Qt::Key_A, Qt::ControlModifier);
    studio.type(kind);
    QQuickItem* tile = studio.find(QString("palette.") + kind);
    ASSERT_NE(tile, nullptr) << kind;
    const int before = document.nodes()->rowCount();
    studio.drag(studio.centre(tile), studio.canvas_point(x, y));
    ASSERT_EQ(document.nodes()->rowCount(), before + 1)
        << "dropping " << kind << ": " << document.lastMessage().toStdString();
  };
  auto field = [&](const char* key) {
    QQuickItem* editor = studio.find(QString("field.") + key);
    // Steps and fields have structured editors; their text is behind "Edit as text".
    if (QQuickItem* as_text = studio.find("inspector.editAsText"); !editor && as_text) {
      studio.click(studio.centre(as_text));
      StudioWindow::settle(50);
      editor = studio.find(QString("field.") + key);
    }
    EXPECT_NE(editor, nullptr) << key;
    QQuickItem* input = StudioWindow::find_type(editor, "TextArea");
    return input ? input : StudioWindow::find_type(editor, "TextField");
  };
  auto rename_in_inspector = [&](const QString& name) { studio.fill(studio.find("inspector.name"), name); };

  drop("schema", 120, 80);
  rename_in_inspector("Reading");
  studio.fill(field("fields"), "device: string\ntemp: double\nts: timestamp", true);

  drop("source", 120, 260);
  rename_in_inspector("readings");
  studio.fill(field("from"), "mqtt \"plant/{device}/readings\" qos 1");
  studio.fill(field("time"), "event time ts lateness 10s");

  drop("stream", 420, 260);
  // Renamed on the canvas: double-click the node, type, Enter.
  QQuickItem* filter = studio.find("node.filtered");
  ASSERT_NE(filter, nullptr);
  studio.double_click(studio.centre(filter));
  studio.key(Qt::Key_A, Qt::ControlModifier);
  studio.type("hot");
  studio.key(Qt::Key_Return);
  ASSERT_NE(studio.find("node.hot"), nullptr) << document.lastMessage().toStdString();
  studio.click(studio.centre(studio.find("node.hot")));
  studio.fill(field("where"), "temp > 80");

  drop("pattern", 720, 260);
  rename_in_inspector("overheating");
  studio.fill(field("partition by"), "device");
  studio.fill(field("within"), "");
  studio.fill(field("match"), "every hot_readings: hot{3} within 1m", true);

  // The alert first reads `hot` (the selected node); a wire dragged from the pattern rewires it.
  studio.click(studio.centre(studio.find("node.hot")));
  drop("alert", 1020, 420);
  rename_in_inspector("overheated");
  EXPECT_NE(document.currentText().indexOf("alert overheated from hot"), -1);
  QQuickItem* pattern = studio.find("node.overheating");
  QQuickItem* alert = studio.find("node.overheated");
  studio.drag(pattern->mapToScene(QPointF(pattern->width() - 3, pattern->height() / 2)),
              alert->mapToScene(QPointF(3, 30)));
  EXPECT_NE(document.currentText().indexOf("alert overheated from overheating"), -1)
      << document.lastMessage().toStdString();
  studio.click(studio.centre(alert));
  studio.fill(field("message"), "Device {device} overheated");
  // Severity from its list.
  QQuickItem* severity = StudioWindow::find_type(studio.find("field.severity"), "ComboBox");
  ASSERT_NE(severity, nullptr);
  studio.click(studio.centre(severity));
  QQuickItem* high = nullptr;
  for (int tries = 0; tries < 20 && !high; ++tries) {
    StudioWindow::settle(50);
    high = studio.find("choice.high");
  }
  ASSERT_NE(high, nullptr);
  studio.click(studio.centre(high));

  EXPECT_EQ(document.currentText().toStdString(),
            "schema Reading {\n  device: string,\n  temp: double,\n  ts: timestamp,\n}\n\n"
            "source readings: Reading\n  from mqtt \"plant/{device}/readings\" qos 1\n  event time ts lateness 10s\n\n"
            "stream hot from readings\n  where temp > 80\n\n"
            "pattern overheating\n  partition by device\n  match every hot_readings: hot{3} within 1m\n\n"
            "alert overheated from overheating\n  severity high\n  message \"Device {device} overheated\"\n");
  EXPECT_EQ(document.problems()->errorCount(), 0);
  EXPECT_EQ(document.wires()->rowCount(), 4);

  // Undo everything with the keyboard, from the canvas.
  studio.click(studio.canvas_point(600, 700));
  for (int steps = 0; steps < 100 && document.canUndo(); ++steps) studio.key(Qt::Key_Z, Qt::ControlModifier);
  EXPECT_FALSE(document.canUndo());
  EXPECT_EQ(document.currentText(), "");
  EXPECT_EQ(document.nodes()->rowCount(), 0);
}

}  // namespace
}  // namespace cepheus::studio

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  QGuiApplication::setOrganizationName("CepheusTests");
  QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
  QQuickStyle::setStyle("Fusion");
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
