#include "studio_window.h"

#include <algorithm>

#include <QtQuickTest/quicktest.h>
#include <QTest>
#include <functional>

#include "launch_options.h"

namespace cepheus::studio {

StudioWindow::StudioWindow(const QString& project, const QString& theme, const QString& select) {
  LaunchOptions& options = LaunchOptions::instance();
  options.project_path = project;
  options.theme = theme;
  options.select_node = select;
  options.screenshot_path = "(test)";  // no dialogs, no recent-project entries
  options.templates_folder = CEPHEUS_TEMPLATES;
  engine_ = std::make_unique<QQmlApplicationEngine>();
  engine_->load(QUrl("qrc:/qt/qml/Cepheus/Studio/Main.qml"));
  if (engine_->rootObjects().isEmpty()) return;
  window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
  window_->resize(1600, 1000);
  window_->show();
  if (!QTest::qWaitForWindowExposed(window_)) window_ = nullptr;
  settle(300);
}

ProjectDocument& StudioWindow::document() const {
  return *window_->findChild<ProjectDocument*>();
}

TestBench& StudioWindow::bench() const {
  return *window_->findChild<TestBench*>();
}

ScenarioEditor& StudioWindow::scenario_editor() const {
  return *window_->findChild<ScenarioEditor*>();
}

namespace {

QQuickItem* search(QQuickItem* item, const std::function<bool(QQuickItem*)>& wanted) {
  if (!item || !item->isVisible()) return nullptr;
  if (wanted(item)) return item;
  for (QQuickItem* child : item->childItems())
    if (QQuickItem* found = search(child, wanted)) return found;
  return nullptr;
}

}  // namespace

QQuickItem* StudioWindow::find(const QString& name) const {
  return search(window_->contentItem()->parentItem() ? window_->contentItem()->parentItem() : window_->contentItem(),
                [&](QQuickItem* item) { return item->objectName() == name; });
}

QQuickItem* StudioWindow::find_type(QQuickItem* root, const char* type) {
  return search(root, [&](QQuickItem* item) { return QByteArray(item->metaObject()->className()).contains(type); });
}

void StudioWindow::settle(int ms) {
  QTest::qWait(ms);
}

QPointF StudioWindow::centre(QQuickItem* item) const {
  // Editors made in a Qt.callLater are placed by their layouts at the next polish:
  // before it, an item's position is not yet where the user would see it.
  QQuickTest::qWaitForPolish(window_);
  return item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
}

QPointF StudioWindow::canvas_point(double x, double y) const {
  QQuickTest::qWaitForPolish(window_);
  return find("canvas")->mapToScene(QPointF(x, y));
}

void StudioWindow::click(QPointF at, Qt::KeyboardModifiers modifiers) {
  QTest::mouseClick(window_, Qt::LeftButton, modifiers, at.toPoint());
  settle();
}

void StudioWindow::double_click(QPointF at) {
  QTest::mouseDClick(window_, Qt::LeftButton, {}, at.toPoint());
  settle();
}

void StudioWindow::drag(QPointF from, QPointF to, int steps) {
  QTest::mousePress(window_, Qt::LeftButton, {}, from.toPoint());
  for (int step = 1; step <= steps; ++step) {
    const QPointF at = from + (to - from) * (static_cast<double>(step) / steps);
    QTest::mouseMove(window_, at.toPoint(), 16);
  }
  QTest::mouseRelease(window_, Qt::LeftButton, {}, to.toPoint(), 16);
  settle(120);
}

void StudioWindow::type(const QString& text) {
  // QTest has keyClicks for widgets only; a window gets one key at a time.
  for (const char c : text.toLatin1()) QTest::keyClick(window_, c);
  settle();
}

void StudioWindow::key(Qt::Key key, Qt::KeyboardModifiers modifiers) {
  QTest::keyClick(window_, key, modifiers);
  settle();
}

void StudioWindow::scroll_into_view(QQuickItem* item) {
  for (QQuickItem* parent = item->parentItem(); parent; parent = parent->parentItem()) {
    if (!QByteArray(parent->metaObject()->className()).contains("Flickable")) continue;
    auto* content = parent->property("contentItem").value<QQuickItem*>();
    if (!content) continue;
    const QPointF at = item->mapToItem(content, QPointF(0, 0));
    const double top = parent->property("contentY").toDouble();
    if (at.y() < top || at.y() + item->height() > top + parent->height()) {
      const double most = std::max(0.0, parent->property("contentHeight").toDouble() - parent->height());
      parent->setProperty("contentY", std::clamp(at.y() - parent->height() / 3, 0.0, most));
    }
  }
  settle(30);
}

void StudioWindow::fill(QQuickItem* editor, const QString& text, bool multiline) {
  scroll_into_view(editor);
  click(centre(editor));
  key(Qt::Key_A, Qt::ControlModifier);
  if (text.isEmpty()) {
    key(Qt::Key_Delete);
  } else {
    for (const QString& line : text.split('\n')) {
      if (line != text.split('\n').first()) key(Qt::Key_Return);
      type(line);
    }
  }
  key(Qt::Key_Return, multiline ? Qt::ControlModifier : Qt::NoModifier);
  settle(100);
}

QImage StudioWindow::grab() const {
  return window_->grabWindow();
}

}  // namespace cepheus::studio
