// The canvas's wires, painted as one item.
//
// A Shape per wire made the scene graph stroke every wire near the view on every
// frame of a pan. This item paints the wires of an area twice the view's size
// (half a view more on each side) into one image and, while the view pans
// within that area, only moves the image. It paints again when the zoom, the
// view size, its wires or their highlights change, or when the view leaves the
// area. It sits in screen coordinates under the canvas's world item (a point
// of the world shows at world * zoom + pan) and takes no input: the canvas asks
// it which wire is under the cursor.
//
// While the zoom changes, the image is scaled with it (up to twice or half the
// zoom it was painted at) as long as it still covers the view; else only the view
// is painted (a quarter of the pixels). Once the zoom has rested for a moment,
// the whole area is painted again at the new zoom.
//
// The canvas has two: the settled wires, and the live ones (those of the
// selected nodes, which a drag moves on every frame). The live layer covers
// just the view and has few wires, so a drag repaints little.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QColor>
#include <QQuickPaintedItem>
#include <QTimer>
#include <QVariantList>
#include <vector>

#include "wire_list_model.h"

namespace cepheus::studio {

class WireLayer : public QQuickPaintedItem {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(cepheus::studio::WireListModel* wires READ wires WRITE setWires NOTIFY wiresChanged)
  // Which wires this layer draws: those that touch none of the live nodes, or only those that touch one.
  Q_PROPERTY(Part part READ part WRITE setPart NOTIFY partChanged)
  Q_PROPERTY(QVariantList liveNodes READ liveNodes WRITE setLiveNodes NOTIFY partChanged)
  // The view: the canvas's transform and size.
  Q_PROPERTY(qreal zoom MEMBER zoom_ NOTIFY viewChanged)
  Q_PROPERTY(qreal panX MEMBER pan_x_ NOTIFY viewChanged)
  Q_PROPERTY(qreal panY MEMBER pan_y_ NOTIFY viewChanged)
  Q_PROPERTY(qreal viewWidth MEMBER view_width_ NOTIFY viewChanged)
  Q_PROPERTY(qreal viewHeight MEMBER view_height_ NOTIFY viewChanged)
  // The look: a stroke width in world units, colours, and the wires drawn highlighted.
  Q_PROPERTY(qreal wireWidth MEMBER wire_width_ NOTIFY lookChanged)
  Q_PROPERTY(QColor wireColor MEMBER wire_color_ NOTIFY lookChanged)
  Q_PROPERTY(QColor hotColor MEMBER hot_color_ NOTIFY lookChanged)
  Q_PROPERTY(QColor selectionColor MEMBER selection_color_ NOTIFY lookChanged)
  Q_PROPERTY(int selectedWire MEMBER selected_wire_ NOTIFY lookChanged)
  Q_PROPERTY(int hoveredWire MEMBER hovered_wire_ NOTIFY lookChanged)
  Q_PROPERTY(int dropWire MEMBER drop_wire_ NOTIFY lookChanged)
  // How many times the wires were painted, so tests can tell a pan that only moved the image.
  Q_PROPERTY(int paintCount READ paintCount NOTIFY painted)
  // How long, in ms, the zoom must rest before the whole area is painted again (150):
  // a test on a loaded machine lengthens it, so that a frame may take longer than a rest.
  Q_PROPERTY(int restInterval READ restInterval WRITE setRestInterval NOTIFY restIntervalChanged)

 public:
  enum class Part { Settled, Live };
  Q_ENUM(Part)

  explicit WireLayer(QQuickItem* parent = nullptr);

  WireListModel* wires() const { return wires_; }
  void setWires(WireListModel* wires);
  int paintCount() const { return paint_count_; }
  int restInterval() const { return widen_.interval(); }
  void setRestInterval(int ms);
  Part part() const { return part_; }
  void setPart(Part part);
  QVariantList liveNodes() const;
  void setLiveNodes(const QVariantList& nodes);

  // The wire within `tolerance` of a world point (the nearest), or -1.
  Q_INVOKABLE int wireAt(qreal x, qreal y, qreal tolerance) const;
  Q_INVOKABLE bool hasWire(int id) const;
  // "from → to (port)", or "" for no such wire.
  Q_INVOKABLE QString wireLabel(int id) const;
  Q_INVOKABLE QString fromName(int id) const;

  void paint(QPainter* painter) override;

 signals:
  void restIntervalChanged();
  void wiresChanged();
  void partChanged();
  void viewChanged();
  void lookChanged();
  void painted();

 private:
  const WireRow* find(int id) const;
  bool drawn_here(const WireRow& row) const;
  void rows_changed(const QModelIndex& top, const QModelIndex& bottom);
  // How far the painted area reaches past the view on each side, as a share of the view.
  qreal margin() const { return part_ == Part::Live || !wide_ ? 0 : 0.5; }
  // Moves the image with the pan, or paints it again where moving is not enough.
  void follow_view();
  // Paints the view and, when `wide`, half a view more on each side.
  void repaint(bool wide);
  // Paints again what is painted now, for a change of the wires or their look.
  void refresh() { repaint(wide_); }

  WireListModel* wires_ = nullptr;
  Part part_ = Part::Settled;
  std::vector<int> live_nodes_;  // sorted
  qreal zoom_ = 1, pan_x_ = 0, pan_y_ = 0, view_width_ = 0, view_height_ = 0;
  qreal wire_width_ = 2;
  QColor wire_color_{Qt::gray}, hot_color_{Qt::darkGray}, selection_color_{Qt::blue};
  int selected_wire_ = -1, hovered_wire_ = -1, drop_wire_ = -1;
  // The view the image was painted for: it covers screen points from -margin
  // to 1 + margin views at that pan.
  qreal painted_zoom_ = 0, painted_pan_x_ = 0, painted_pan_y_ = 0, painted_width_ = 0, painted_height_ = 0;
  bool wide_ = true;
  QTimer widen_;
  int paint_count_ = 0;
};

}  // namespace cepheus::studio
