#include "grid_layer.h"

#include <QPainter>
#include <cmath>

namespace cepheus::studio {

GridLayer::GridLayer(QQuickItem* parent) : QQuickPaintedItem(parent) {
  setOpaquePainting(true);
  connect(this, &GridLayer::lookChanged, this, [this] { update(); });
}

void GridLayer::paint(QPainter* painter) {
  ++paint_count_;
  painter->fillRect(QRectF(0, 0, width(), height()), background_);
  if (spacing_ >= 1) {
    // The item's origin is on a major line; lines are one pixel wide at whole pixels.
    const auto line = [&](int index, bool vertical) {
      const qreal at = std::round(index * spacing_);
      const QColor& color = index % major_every_ == 0 ? major_color_ : minor_color_;
      painter->fillRect(vertical ? QRectF(at, 0, 1, height()) : QRectF(0, at, width(), 1), color);
    };
    for (int i = 0; i * spacing_ < width(); ++i) line(i, true);
    for (int i = 0; i * spacing_ < height(); ++i) line(i, false);
  }
  emit painted();
}

}  // namespace cepheus::studio
