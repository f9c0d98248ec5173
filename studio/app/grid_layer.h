// The canvas's background and grid, painted as one image that a pan only moves.
//
// The grid was a Rectangle per line, each bound to the pan: every frame of a
// pan re-evaluated some three hundred bindings and the renderer moved as many
// items. The grid repeats every major step, so this item paints one major step
// more than the view on each axis, and the canvas places it at the pan modulo
// that step: a pan moves it, and it paints again only when the zoom, the steps
// or the view's size change. Lines fall on whole pixels, so they stay crisp.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QColor>
#include <QQuickPaintedItem>

namespace cepheus::studio {

class GridLayer : public QQuickPaintedItem {
  Q_OBJECT
  QML_ELEMENT
  // Screen pixels between lines, and how many lines make a major one.
  Q_PROPERTY(qreal spacing MEMBER spacing_ NOTIFY lookChanged)
  Q_PROPERTY(int majorEvery MEMBER major_every_ NOTIFY lookChanged)
  Q_PROPERTY(QColor background MEMBER background_ NOTIFY lookChanged)
  Q_PROPERTY(QColor minorColor MEMBER minor_color_ NOTIFY lookChanged)
  Q_PROPERTY(QColor majorColor MEMBER major_color_ NOTIFY lookChanged)
  // How many times the grid was painted, so tests can tell a pan that only moved it.
  Q_PROPERTY(int paintCount READ paintCount NOTIFY painted)

 public:
  explicit GridLayer(QQuickItem* parent = nullptr);

  int paintCount() const { return paint_count_; }
  void paint(QPainter* painter) override;

 signals:
  void lookChanged();
  void painted();

 private:
  qreal spacing_ = 20;
  int major_every_ = 5;
  QColor background_, minor_color_, major_color_;
  int paint_count_ = 0;
};

}  // namespace cepheus::studio
