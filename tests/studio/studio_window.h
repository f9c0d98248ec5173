// The real studio window for UI tests: Main.qml in a QQmlApplicationEngine on
// the offscreen platform, found by objectName, driven by simulated mouse and
// keys (QTest), and grabbed as images.
#pragma once

#include <QImage>
#include <QPointF>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <memory>

#include "project_document.h"
#include "scenario_editor.h"
#include "test_bench.h"

namespace cepheus::studio {

class StudioWindow {
 public:
  // Opens `project` (or the start page when empty) with `theme`, selecting node `select`.
  explicit StudioWindow(const QString& project, const QString& theme = "light", const QString& select = {});

  QQuickWindow* window() const { return window_; }
  ProjectDocument& document() const;
  TestBench& bench() const;
  ScenarioEditor& scenario_editor() const;
  // The first visible item called `name` in the window, or null.
  QQuickItem* find(const QString& name) const;
  // The first visible item below `root` whose class name contains `type` (e.g. "TextField").
  static QQuickItem* find_type(QQuickItem* root, const char* type);

  // Lets events, bindings and rendering run for `ms`.
  static void settle(int ms = 60);
  QPointF centre(QQuickItem* item) const;
  // Scrolls the Flickables around `item` so that it is in view (a click lands on it).
  static void scroll_into_view(QQuickItem* item);
  // A point of the canvas given in canvas coordinates, in window coordinates.
  QPointF canvas_point(double x, double y) const;

  void click(QPointF at, Qt::KeyboardModifiers modifiers = {});
  void double_click(QPointF at);
  // Press, move in steps, release: a drag as a hand makes it.
  void drag(QPointF from, QPointF to, int steps = 12);
  void type(const QString& text);
  void key(Qt::Key key, Qt::KeyboardModifiers modifiers = {});
  // Focuses an editor (click), selects all of it and types `text`; Enter (Ctrl+Enter for many lines) commits.
  void fill(QQuickItem* editor, const QString& text, bool multiline = false);

  QImage grab() const;

 private:
  std::unique_ptr<QQmlApplicationEngine> engine_;
  QQuickWindow* window_ = nullptr;
};

}  // namespace cepheus::studio
