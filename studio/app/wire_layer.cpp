#include "wire_layer.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "wire_geometry.h"

namespace cepheus::studio {
namespace {

WireCurve curve_of(const WireRow& row) {
  return {row.x1, row.y1, row.x2, row.y2};
}

}  // namespace

WireLayer::WireLayer(QQuickItem* parent) : QQuickPaintedItem(parent) {
  setAntialiasing(true);
  setTransformOrigin(TopLeft);
  connect(this, &WireLayer::viewChanged, this, &WireLayer::follow_view);
  connect(this, &WireLayer::lookChanged, this, &WireLayer::refresh);
  widen_.setSingleShot(true);
  widen_.setInterval(150);
  connect(&widen_, &QTimer::timeout, this, [this] { repaint(true); });
}

void WireLayer::setRestInterval(int ms) {
  if (ms == widen_.interval()) return;
  widen_.setInterval(ms);
  emit restIntervalChanged();
}

void WireLayer::setWires(WireListModel* wires) {
  if (wires == wires_) return;
  if (wires_) disconnect(wires_, nullptr, this, nullptr);
  wires_ = wires;
  if (wires_) {
    connect(wires_, &QAbstractItemModel::dataChanged, this, &WireLayer::rows_changed);
    connect(wires_, &QAbstractItemModel::rowsInserted, this, &WireLayer::refresh);
    connect(wires_, &QAbstractItemModel::rowsRemoved, this, &WireLayer::refresh);
    connect(wires_, &QAbstractItemModel::modelReset, this, &WireLayer::refresh);
  }
  emit wiresChanged();
  refresh();
}

void WireLayer::setPart(Part part) {
  if (part == part_) return;
  part_ = part;
  emit partChanged();
  refresh();
}

QVariantList WireLayer::liveNodes() const {
  QVariantList nodes;
  for (const int id : live_nodes_) nodes << id;
  return nodes;
}

void WireLayer::setLiveNodes(const QVariantList& nodes) {
  std::vector<int> ids;
  for (const QVariant& node : nodes) ids.push_back(node.toInt());
  std::sort(ids.begin(), ids.end());
  if (ids == live_nodes_) return;
  live_nodes_ = std::move(ids);
  emit partChanged();
  refresh();
}

bool WireLayer::drawn_here(const WireRow& row) const {
  const bool live = std::binary_search(live_nodes_.begin(), live_nodes_.end(), row.from) ||
                    std::binary_search(live_nodes_.begin(), live_nodes_.end(), row.to);
  return live == (part_ == Part::Live);
}

void WireLayer::rows_changed(const QModelIndex& top, const QModelIndex& bottom) {
  // A row keeps its ends' nodes (a wire's id names them), so a change to a wire
  // of the other layer cannot concern this one.
  for (int row = top.row(); row <= bottom.row(); ++row) {
    if (drawn_here(wires_->rows()[static_cast<std::size_t>(row)])) {
      refresh();
      return;
    }
  }
}

void WireLayer::follow_view() {
  if (view_width_ != painted_width_ || view_height_ != painted_height_ || painted_zoom_ <= 0) {
    repaint(false);
    widen_.start();
    return;
  }
  // The painted area in world coordinates, and the view now.
  const qreal m = margin();
  const QRectF painted((-m * painted_width_ - painted_pan_x_) / painted_zoom_,
                       (-m * painted_height_ - painted_pan_y_) / painted_zoom_,
                       (1 + 2 * m) * painted_width_ / painted_zoom_, (1 + 2 * m) * painted_height_ / painted_zoom_);
  const QRectF view(-pan_x_ / zoom_, -pan_y_ / zoom_, view_width_ / zoom_, view_height_ / zoom_);
  const bool zooming = zoom_ != painted_zoom_;
  const qreal scale = zoom_ / painted_zoom_;
  // A zoom scales the image for a moment (strokes grow or shrink with it) and paints
  // again once it rests; a pan moves it. Either paints at once when the view leaves it.
  if (!painted.contains(view) || scale < 0.5 || scale > 2) {
    repaint(!zooming);
    if (zooming) widen_.start();
    return;
  }
  setScale(scale);
  setPosition({painted.x() * zoom_ + pan_x_, painted.y() * zoom_ + pan_y_});
  if (zooming) widen_.start();
}

void WireLayer::repaint(bool wide) {
  wide_ = wide;
  painted_zoom_ = zoom_;
  painted_pan_x_ = pan_x_;
  painted_pan_y_ = pan_y_;
  painted_width_ = view_width_;
  painted_height_ = view_height_;
  setScale(1);
  setPosition({-view_width_ * margin(), -view_height_ * margin()});
  setSize({(1 + 2 * margin()) * view_width_, (1 + 2 * margin()) * view_height_});
  update();
}

void WireLayer::paint(QPainter* painter) {
  ++paint_count_;
  emit painted();
  if (!wires_ || painted_zoom_ <= 0) return;
  painter->setRenderHint(QPainter::Antialiasing);
  // Item pixels -> world: the item's top left is the screen point -margin * view.
  const qreal left = painted_pan_x_ + painted_width_ * margin(), top = painted_pan_y_ + painted_height_ * margin();
  painter->translate(left, top);
  painter->scale(painted_zoom_, painted_zoom_);
  const QRectF world_area(-left / painted_zoom_, -top / painted_zoom_, width() / painted_zoom_,
                          height() / painted_zoom_);
  const qreal stroke = wire_width_ + 1;  // a stroke sticks out of the curve's hull by half its width
  const auto in_area = [&](const WireCurve& c) {
    return c.hull().adjusted(-stroke, -stroke, stroke, stroke).intersects(world_area);
  };

  // The plain wires, each stroked on its own (one path of them all rasterises far slower); the
  // highlighted ones on top.
  painter->setPen(QPen(wire_color_, wire_width_, Qt::SolidLine, Qt::RoundCap));
  painter->setBrush(Qt::NoBrush);
  for (const WireRow& row : wires_->rows()) {
    if (!drawn_here(row) || row.id == selected_wire_ || row.id == hovered_wire_ || row.id == drop_wire_) continue;
    const WireCurve c = curve_of(row);
    if (in_area(c)) painter->drawPath(c.path());
  }
  const auto highlight = [&](int id, const QColor& colour) {
    const WireRow* row = find(id);
    if (row && drawn_here(*row))
      painter->strokePath(curve_of(*row).path(), QPen(colour, wire_width_ + 1, Qt::SolidLine, Qt::RoundCap));
  };
  highlight(hovered_wire_, hot_color_);
  highlight(drop_wire_, hot_color_);
  highlight(selected_wire_, selection_color_);
}

const WireRow* WireLayer::find(int id) const {
  if (!wires_ || id < 0) return nullptr;
  const int row = wires_->row_of(id);
  return row < 0 ? nullptr : &wires_->rows()[static_cast<std::size_t>(row)];
}

int WireLayer::wireAt(qreal x, qreal y, qreal tolerance) const {
  if (!wires_) return -1;
  int best = -1;
  double best_distance = tolerance * tolerance;
  for (const WireRow& row : wires_->rows()) {
    const WireCurve c = curve_of(row);
    if (!c.hull().adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(x, y)) continue;
    const double distance = c.squared_distance(x, y);
    if (distance <= best_distance) {
      best_distance = distance;
      best = row.id;
    }
  }
  return best;
}

bool WireLayer::hasWire(int id) const {
  return find(id) != nullptr;
}

QString WireLayer::wireLabel(int id) const {
  const WireRow* row = find(id);
  return row ? row->from_name + QStringLiteral(" \u2192 ") + row->to_name + " (" + row->port + ")" : QString();
}

QString WireLayer::fromName(int id) const {
  const WireRow* row = find(id);
  return row ? row->from_name : QString();
}

}  // namespace cepheus::studio
