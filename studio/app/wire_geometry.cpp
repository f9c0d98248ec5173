#include "wire_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cepheus::studio {

double WireCurve::reach() const {
  return std::max(60.0, std::abs(x2 - x1) / 2);
}

QRectF WireCurve::hull() const {
  const double r = reach();
  const double left = std::min(x1, x2 - r);
  const double right = std::max(x1 + r, x2);
  const double top = std::min(y1, y2);
  const double bottom = std::max(y1, y2);
  return {left, top, right - left, bottom - top};
}

QPainterPath WireCurve::path() const {
  const double r = reach();
  QPainterPath p({x1, y1});
  p.cubicTo(x1 + r, y1, x2 - r, y2, x2, y2);
  return p;
}

double WireCurve::squared_distance(double x, double y) const {
  constexpr int kSegments = 24;
  const double c1x = x1 + reach(), c2x = x2 - reach();
  double best = std::numeric_limits<double>::infinity();
  double px = x1, py = y1;
  for (int i = 1; i <= kSegments; ++i) {
    const double t = static_cast<double>(i) / kSegments, u = 1 - t;
    const double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    const double qx = a * x1 + b * c1x + c * c2x + d * x2;
    const double qy = a * y1 + b * y1 + c * y2 + d * y2;
    // The closest point of the segment p..q.
    const double sx = qx - px, sy = qy - py;
    const double length = sx * sx + sy * sy;
    const double s = length > 0 ? std::clamp(((x - px) * sx + (y - py) * sy) / length, 0.0, 1.0) : 0.0;
    const double dx = px + s * sx - x, dy = py + s * sy - y;
    best = std::min(best, dx * dx + dy * dy);
    px = qx;
    py = qy;
  }
  return best;
}

}  // namespace cepheus::studio
