// The studio's document headless: the models (checked by QAbstractItemModelTester),
// every edit as an undo command against the QUndoStack, graph and text in step,
// files, the layout sidecar and autosave recovery.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <memory>

#include "edit_commands.h"
#include "launch_options.h"
#include "palette_model.h"
#include "project_document.h"
#include "recent_projects.h"
#include "template_copy.h"
#include "template_gallery.h"

namespace cepheus::studio {
namespace {

using Tester = QAbstractItemModelTester;

class DocumentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(folder_.isValid());
    for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
             document_.nodes(), document_.wires(), document_.problems(), document_.files()})
      testers_.push_back(std::make_unique<Tester>(model, Tester::FailureReportingMode::Fatal));
  }

  QString copy_template(const QString& name) { return studio::copy_template(folder_, name); }

  int id(const char* name) const { return document_.id_of(name).value_or(-1); }
  std::string text() const { return document_.currentText().toStdString(); }
  std::string all_text() const {
    std::string all;
    for (const RuleText& file : document_.state().texts) all += file.text;
    return all;
  }

  // Runs `edit`; checks that it changed the state, that undo brings back the state
  // before exactly and that redo brings back the state after.
  void expect_undoable(const std::function<bool()>& edit) {
    const auto before = document_.state();
    const int steps = document_.undo_stack().count();
    ASSERT_TRUE(edit()) << document_.lastMessage().toStdString();
    const auto after = document_.state();
    EXPECT_TRUE(before.texts != after.texts || before.positions != after.positions);
    EXPECT_EQ(document_.undo_stack().count(), steps + 1);
    document_.undo();
    EXPECT_EQ(document_.state().texts, before.texts);
    EXPECT_EQ(document_.state().positions, before.positions);
    document_.redo();
    EXPECT_EQ(document_.state().texts, after.texts);
    EXPECT_EQ(document_.state().positions, after.positions);
  }

  QTemporaryDir folder_;
  ProjectDocument document_;
  std::vector<std::unique_ptr<Tester>> testers_;
};

TEST_F(DocumentTest, OpensATemplateAndLaysItOutWhenThereIsNoSidecar) {
  ASSERT_TRUE(document_.openFolder(copy_template("predictive-maintenance")));
  EXPECT_EQ(document_.nodes()->rowCount(), 15);
  EXPECT_GE(document_.wires()->rowCount(), 15);
  EXPECT_EQ(document_.files()->rowCount(), 5);
  EXPECT_EQ(document_.problems()->errorCount(), 0);
  EXPECT_TRUE(document_.textParses());
  EXPECT_FALSE(document_.modified());
  // Auto layout: every wire goes right.
  for (const WireRow& wire : document_.wires()->rows()) EXPECT_LT(wire.x1, wire.x2 + 1) << wire.from_name.toStdString();
  EXPECT_GT(document_.bounds().width(), 600);
}

TEST_F(DocumentTest, EveryEditIsOneUndoableStep) {
  ASSERT_TRUE(document_.openFolder(copy_template("predictive-maintenance")));
  document_.setCurrentFile(2);  // limits.cep
  expect_undoable([&] { return document_.addNode("stream", 900, 700, id("readings")) > 0; });
  expect_undoable([&] { return document_.renameNode(id("filtered"), "cool"); });
  expect_undoable([&] { return document_.setFormField(id("cool"), "where", "temp < 10"); });
  expect_undoable([&] { return document_.connectNodes(id("cool"), id("limit_feed"), "input"); });
  expect_undoable([&] { return document_.setStatementText(id("cool"), "stream cool from readings where temp < 5"); });
  expect_undoable([&] {
    document_.selectNode(id("cool"), false);
    return document_.duplicateSelection();
  });
  expect_undoable([&] {
    document_.selectNode(id("cool_2"), false);
    return document_.deleteSelection();
  });
  expect_undoable([&] { return document_.paste("stream cool from readings\nstream chilly from cool"); });
  expect_undoable([&] {
    const auto& wires = document_.wires()->rows();
    const auto feed = std::find_if(wires.begin(), wires.end(),
                                   [](const WireRow& w) { return w.to_name == "limit_feed" && w.port == "input"; });
    return feed != wires.end() && document_.insertOnWire(feed->id, "stream", 10, 10) > 0;
  });
  EXPECT_NE(all_text().find("sink limit_feed from filtered"), std::string::npos) << all_text();
  EXPECT_NE(all_text().find("stream filtered from cool"), std::string::npos) << all_text();
  expect_undoable([&] {
    document_.selectNode(id("cool"), false);
    document_.moveSelection(5, 5, false);
    return true;
  });
  expect_undoable([&] {
    document_.autoLayout();
    return true;
  });
  expect_undoable([&] {
    document_.setCurrentText(document_.currentText() + "\nsink typed from readings to log\n");
    return true;
  });
  expect_undoable([&] { return document_.connectNodes(id("devices"), id("chilly"), "join"); });
  expect_undoable([&] {
    const auto& wires = document_.wires()->rows();
    const auto join = std::find_if(wires.begin(), wires.end(),
                                   [](const WireRow& w) { return w.port == "join" && w.to_name == "chilly"; });
    return join != wires.end() && document_.removeWire(join->id);
  });
  EXPECT_EQ(document_.problems()->errorCount(), 0) << all_text();
}

TEST_F(DocumentTest, MovesOfOneDragAndTypingMergeIntoOneStep) {
  ASSERT_TRUE(document_.openFolder(copy_template("predictive-maintenance")));
  document_.selectNode(id("readings"), false);
  const Point start = document_.state().positions.at("readings");
  const int steps = document_.undo_stack().count();
  document_.moveSelection(10, 0, false);
  document_.moveSelection(10, 5, true);
  document_.moveSelection(10, 5, true);
  EXPECT_EQ(document_.undo_stack().count(), steps + 1);
  EXPECT_EQ(document_.state().positions.at("readings"), (Point{start.x + 30, start.y + 10}));
  document_.moveSelection(1, 1, false);  // a new drag
  EXPECT_EQ(document_.undo_stack().count(), steps + 2);
  document_.undo();
  document_.undo();
  EXPECT_EQ(document_.state().positions.at("readings"), start);

  const std::string before = text();
  document_.setCurrentText(document_.currentText() + "-");
  document_.setCurrentText(document_.currentText() + "-");
  document_.setCurrentText(document_.currentText() + " note\n");
  EXPECT_EQ(document_.undo_stack().count(), steps + 1);
  document_.undo();
  EXPECT_EQ(text(), before);
}

TEST_F(DocumentTest, TextThatDoesNotParseKeepsTheLastGoodGraph) {
  ASSERT_TRUE(document_.openFolder(copy_template("predictive-maintenance")));
  const int nodes = document_.nodes()->rowCount();
  const QString good = document_.currentText();
  document_.setCurrentText(good + "\nstream broken from\n");
  EXPECT_FALSE(document_.textParses());
  EXPECT_EQ(document_.nodes()->rowCount(), nodes);
  EXPECT_GE(document_.problems()->errorCount(), 1);
  EXPECT_FALSE(document_.problemAt(document_.problems()->rows().front().begin).isEmpty());
  document_.setCurrentText(good + "\nstream fixed from readings\n");
  EXPECT_TRUE(document_.textParses());
  EXPECT_EQ(document_.nodes()->rowCount(), nodes + 1);
}

TEST_F(DocumentTest, ARenameInTheTextKeepsTheNodesIdAndPlace) {
  ASSERT_TRUE(document_.openFolder(copy_template("predictive-maintenance")));
  document_.setCurrentFile(2);
  const int over_limit = id("over_limit");
  const Point at = document_.state().positions.at("over_limit");
  document_.setCurrentText(document_.currentText().replace("stream over_limit", "stream above_limit"));
  EXPECT_EQ(id("above_limit"), over_limit);
  EXPECT_EQ(document_.state().positions.at("above_limit"), at);
  EXPECT_GE(document_.problems()->errorCount(), 1);  // its readers still name over_limit
}

TEST_F(DocumentTest, BuildsTheRunningExampleFromAnEmptyProjectAndUndoesBackToEmpty) {
  ASSERT_TRUE(document_.createProject(folder_.filePath("example")));
  EXPECT_EQ(document_.nodes()->rowCount(), 0);
  const int schema = document_.addNode("schema", 40, 40);
  ASSERT_TRUE(document_.renameNode(schema, "Reading"));
  ASSERT_TRUE(document_.setFormField(schema, "fields", "device: string\ntemp: double\nts: timestamp"));
  const int source = document_.addNode("source", 40, 160);
  ASSERT_TRUE(document_.renameNode(source, "readings"));
  ASSERT_TRUE(document_.setFormField(source, "from", "mqtt \"plant/{device}/readings\" qos 1"));
  ASSERT_TRUE(document_.setFormField(source, "time", "event time ts lateness 10s"));
  const int filter = document_.addNode("stream", 300, 160);
  ASSERT_TRUE(document_.renameNode(filter, "hot"));
  ASSERT_TRUE(document_.setFormField(filter, "where", "temp > 80"));
  document_.clearSelection();
  const int pattern = document_.addNode("pattern", 560, 160, filter);
  ASSERT_TRUE(document_.renameNode(pattern, "overheating"));
  ASSERT_TRUE(document_.setFormField(pattern, "partition by", "device"));
  ASSERT_TRUE(document_.setFormField(pattern, "within", ""));
  ASSERT_TRUE(document_.setFormField(pattern, "match", "every hot_readings: hot{3} within 1m"));
  const int alert = document_.addNode("alert", 820, 160, pattern);
  ASSERT_TRUE(document_.renameNode(alert, "overheated"));
  ASSERT_TRUE(document_.setFormField(alert, "severity", "high"));
  ASSERT_TRUE(document_.setFormField(alert, "message", "Device {device} overheated"));
  EXPECT_EQ(text(),
            "schema Reading {\n  device: string,\n  temp: double,\n  ts: timestamp,\n}\n\n"
            "source readings: Reading\n  from mqtt \"plant/{device}/readings\" qos 1\n  event time ts lateness 10s\n\n"
            "stream hot from readings\n  where temp > 80\n\n"
            "pattern overheating\n  partition by device\n  match every hot_readings: hot{3} within 1m\n\n"
            "alert overheated from overheating\n  severity high\n  message \"Device {device} overheated\"\n");
  EXPECT_EQ(document_.problems()->errorCount(), 0);
  EXPECT_EQ(document_.wires()->rowCount(), 4);
  while (document_.canUndo()) document_.undo();
  EXPECT_EQ(text(), "");
  EXPECT_EQ(document_.nodes()->rowCount(), 0);
}

TEST_F(DocumentTest, RefusedEditsSayWhyAndChangeNothing) {
  ASSERT_TRUE(document_.openFolder(copy_template("predictive-maintenance")));
  const auto before = document_.state();
  EXPECT_FALSE(document_.connectNodes(id("Reading"), id("enriched"), "input"));
  EXPECT_TRUE(document_.lastMessage().contains("schema describes events"));
  EXPECT_EQ(document_.connectionProblem(id("overheated"), id("enriched"), "input").isEmpty(), false);
  EXPECT_TRUE(document_.connectionProblem(id("maintenance"), id("over_limit"), "input").isEmpty());
  EXPECT_FALSE(document_.renameNode(id("readings"), "maintenance"));
  EXPECT_FALSE(document_.setFormField(id("overheated"), "throttle", "soon"));
  EXPECT_FALSE(document_.paste("this is not rule text"));
  EXPECT_EQ(document_.state().texts, before.texts);
  EXPECT_EQ(document_.state().positions, before.positions);
}

TEST_F(DocumentTest, SaveFormatsAndWritesTheSidecarAndReopeningKeepsPositions) {
  const QString folder = copy_template("predictive-maintenance");
  ASSERT_TRUE(document_.openFolder(folder));
  document_.selectNode(id("readings"), false);
  document_.moveSelection(123, 0, false);
  const Point moved = document_.state().positions.at("readings");
  document_.setCurrentText("stream   spaced   from readings\n" + document_.currentText());
  EXPECT_TRUE(document_.modified());
  ASSERT_TRUE(document_.save());
  EXPECT_FALSE(document_.modified());
  EXPECT_TRUE(QFile::exists(folder + "/cepheus-layout.json"));
  EXPECT_TRUE(document_.currentText().startsWith("stream spaced from readings\n"));

  ProjectDocument reopened;
  ASSERT_TRUE(reopened.openFolder(folder));
  EXPECT_EQ(reopened.state().positions.at("readings"), moved);
  EXPECT_EQ(reopened.state().texts, document_.state().texts);
}

TEST_F(DocumentTest, AutosaveIsOfferedBackAfterACrash) {
  const QString folder = copy_template("predictive-maintenance");
  {
    ProjectDocument crashed;
    ASSERT_TRUE(crashed.openFolder(folder));
    crashed.setCurrentText(crashed.currentText() + "\nsink unsaved from readings to log\n");
    ASSERT_TRUE(crashed.autosave());
  }  // no save, no close: as after a crash
  ASSERT_TRUE(document_.openFolder(folder));
  EXPECT_TRUE(document_.hasRecovery());
  EXPECT_EQ(id("unsaved"), -1);
  ASSERT_TRUE(document_.recover());
  EXPECT_GT(id("unsaved"), 0);
  EXPECT_TRUE(document_.modified());
  ASSERT_TRUE(document_.save());
  ProjectDocument again;
  ASSERT_TRUE(again.openFolder(folder));
  EXPECT_FALSE(again.hasRecovery());
}

TEST_F(DocumentTest, ProblemsPointAtTheNodeAndTheText) {
  ASSERT_TRUE(document_.openFolder(copy_template("predictive-maintenance")));
  document_.setCurrentFile(2);
  ASSERT_TRUE(document_.setFormField(id("over_limit"), "where", "temperature > 3"));
  ASSERT_GE(document_.problems()->errorCount(), 1);
  const ProblemRow& problem = document_.problems()->rows().front();
  EXPECT_EQ(problem.node, "over_limit");
  EXPECT_EQ(document_.currentText().mid(problem.begin, problem.end - problem.begin), "temperature");
  const NodeRow& node =
      document_.nodes()->rows()[static_cast<std::size_t>(document_.nodes()->row_of(id("over_limit")))];
  EXPECT_EQ(node.errors, 1);
  EXPECT_TRUE(node.problem.contains("temperature"));
  EXPECT_EQ(document_.selectAtText(problem.begin), id("over_limit"));
  const QVariantMap definition = document_.definitionOf("readings");
  EXPECT_EQ(definition.value("file").toInt(), 1);
}

TEST(StudioModels, PaletteAndTemplateGalleryPassTheModelTester) {
  PaletteModel palette;
  Tester palette_tester(&palette, Tester::FailureReportingMode::Fatal);
  EXPECT_EQ(palette.rowCount(), 9);
  TemplateGallery gallery;
  Tester gallery_tester(&gallery, Tester::FailureReportingMode::Fatal);
  gallery.setFolder(CEPHEUS_TEMPLATES);
  EXPECT_GE(gallery.rowCount(), 2);
  EXPECT_FALSE(gallery.data(gallery.index(0), TemplateGallery::kSummaryRole).toString().isEmpty());
}

TEST(StudioModels, RecentProjectsPutTheNewestFirstOnceAndPassTheModelTester) {
  QTemporaryDir first;
  QTemporaryDir second;
  RecentProjects recent;
  Tester tester(&recent, Tester::FailureReportingMode::Fatal);
  recent.add(first.path());
  recent.add(second.path());
  recent.add(first.path());
  ASSERT_GE(recent.rowCount(), 2);
  EXPECT_EQ(recent.data(recent.index(0), RecentProjects::kPathRole).toString(), QDir(first.path()).absolutePath());
  EXPECT_EQ(recent.data(recent.index(1), RecentProjects::kPathRole).toString(), QDir(second.path()).absolutePath());
  RecentProjects reread;  // kept in the settings
  EXPECT_EQ(reread.data(reread.index(0), RecentProjects::kPathRole).toString(), QDir(first.path()).absolutePath());
}

TEST(StudioLaunch, FindsItsDataInTheInstalledLayoutBeforeTheSources) {
  QTemporaryDir prefix;
  QTemporaryDir sources;
  ASSERT_TRUE(QDir(prefix.path()).mkpath("bin") && QDir(prefix.path()).mkpath("share/doc/cepheus"));
  const auto touch = [](const QString& path) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly);
  };
  const QString installed = prefix.filePath("share/doc/cepheus/rules-language.md");
  const QString source = sources.filePath("rules-language.md");
  ASSERT_TRUE(touch(installed) && touch(source));
  const QString bin = prefix.filePath("bin");
  EXPECT_EQ(locate_data(bin, "share/doc/cepheus/rules-language.md", source), QFileInfo(installed).canonicalFilePath());
  QFile::remove(installed);
  EXPECT_EQ(locate_data(bin, "share/doc/cepheus/rules-language.md", source), QFileInfo(source).canonicalFilePath());
  QFile::remove(source);
  EXPECT_EQ(locate_data(bin, "share/doc/cepheus/rules-language.md", source), QString());
}

}  // namespace
}  // namespace cepheus::studio

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  QGuiApplication::setOrganizationName("CepheusTests");
  QStandardPaths::setTestModeEnabled(true);  // settings (recent projects) go to a test location
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
