// The shape of a canvas wire: a cubic Bezier from an output port to an input
// port with horizontal tangents, in canvas (world) coordinates. Drawing and
// picking both use it, so what is hit is what is drawn.
#pragma once

#include <QPainterPath>
#include <QRectF>

namespace cepheus::studio {

struct WireCurve {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;

  // The control points sit this far out from each end, horizontally.
  double reach() const;
  // The curve lies in the hull of its control points.
  QRectF hull() const;
  QPainterPath path() const;
  // The squared distance from (x, y) to the curve, sampled in 24 segments.
  double squared_distance(double x, double y) const;
};

}  // namespace cepheus::studio
