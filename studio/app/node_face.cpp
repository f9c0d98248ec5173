#include "node_face.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QQuickWindow>
#include <cmath>

#include "node_list_model.h"

namespace cepheus::studio {
namespace {

constexpr qreal kRadius = 6;
constexpr qreal kHeaderHeight = 22;
constexpr qreal kPortRadius = 5;
constexpr qreal kPortStroke = 1.5;

QFont font_of(int pixel_size, QFont::Weight weight) {
  QFont font = QGuiApplication::font();
  font.setPixelSize(pixel_size);
  font.setWeight(weight);
  return font;
}

// Text in a box, elided on the right when it does not fit.
void draw_line(QPainter* painter, const QFont& font, const QColor& color, const QRectF& box, const QString& text,
               int alignment) {
  painter->setFont(font);
  painter->setPen(color);
  const QString shown = QFontMetricsF(font).elidedText(text, Qt::ElideRight, box.width());
  painter->drawText(box, alignment | Qt::TextSingleLine, shown);
}

void draw_port(QPainter* painter, QPointF centre, const QColor& fill, const QColor& stroke) {
  painter->setPen(QPen(stroke, kPortStroke));
  painter->setBrush(fill);
  const qreal r = kPortRadius - kPortStroke / 2;  // the stroke inside the circle, as a QML border
  painter->drawEllipse(centre, r, r);
}

}  // namespace

NodeFace::NodeFace(QQuickItem* parent) : QQuickPaintedItem(parent) {
  setAntialiasing(true);
  connect(this, &NodeFace::contentChanged, this, [this] { update(); });
  connect(this, &QQuickItem::widthChanged, this, &NodeFace::fitTexture);
  connect(this, &QQuickItem::heightChanged, this, &NodeFace::fitTexture);
  connect(this, &QQuickItem::windowChanged, this, &NodeFace::fitTexture);
}

void NodeFace::setSharpness(qreal sharpness) {
  if (qFuzzyCompare(sharpness, sharpness_)) return;
  sharpness_ = sharpness;
  fitTexture();
  emit sharpnessChanged();
}

void NodeFace::fitTexture() {
  const qreal scale = sharpness_ * (window() ? window()->effectiveDevicePixelRatio() : 1.0);
  const QSize size(static_cast<int>(std::ceil(width() * scale)), static_cast<int>(std::ceil(height() * scale)));
  if (size.isEmpty() || size == textureSize()) return;
  setTextureSize(size);
  update();
}

void NodeFace::paint(QPainter* painter) {
  ++paint_count_;
  painter->setRenderHint(QPainter::Antialiasing);
  const QRectF body(kMargin, 0, width() - 2 * kMargin, height());
  paintBody(painter, body);
  paintBadge(painter, body);
  paintPorts(painter, body);
  emit painted();
}

void NodeFace::paintBody(QPainter* painter, const QRectF& body) const {
  const qreal border = selected_ ? 2 : 1;
  // As a QML Rectangle: the border inside the body's edge.
  painter->setPen(QPen(selected_ ? selection_color_ : border_color_, border));
  painter->setBrush(body_color_);
  const qreal half = border / 2;
  painter->drawRoundedRect(body.adjusted(half, half, -half, -half), kRadius - half, kRadius - half);

  // The header strip: rounded top corners, a square bottom edge.
  const QRectF header(body.left() + border, body.top() + border, body.width() - 2 * border, kHeaderHeight - border);
  painter->setPen(Qt::NoPen);
  painter->setBrush(header_color_);
  painter->drawRoundedRect(header, kRadius - 1, kRadius - 1);
  painter->fillRect(header.adjusted(0, header.height() / 2, 0, 0), header_color_);

  if (detailed_) {
    QFont kind = font_of(12, QFont::DemiBold);
    kind.setCapitalization(QFont::SmallCaps);
    kind.setLetterSpacing(QFont::AbsoluteSpacing, 0.4);
    draw_line(painter, kind, kind_color_, QRectF(body.left() + 10, body.top() + 1, body.width() - 44, 21), kind_,
              Qt::AlignLeft | Qt::AlignVCenter);
  }
  const qreal left = body.left() + textLeft();
  const qreal text_width = body.width() - textLeft() - 10;
  draw_line(painter, font_of(13, QFont::Bold), text_color_, QRectF(left, body.top() + 25, text_width, 18), name_,
            Qt::AlignLeft | Qt::AlignTop);
  if (detailed_) {
    draw_line(painter, font_of(11, QFont::Normal), muted_color_, QRectF(left, body.top() + 46, text_width, 16), detail_,
              Qt::AlignLeft | Qt::AlignTop);
  }
}

QString NodeFace::badgeText() const {
  if (error_count_ > 0) return QString::number(error_count_);
  return warning_count_ > 0 ? QString::number(warning_count_) : QString();
}

qreal NodeFace::badgeWidth() const {
  const QString count = badgeText();
  return count.isEmpty() ? 0
                         : std::max<qreal>(16, QFontMetricsF(font_of(10, QFont::Bold)).horizontalAdvance(count) + 8);
}

void NodeFace::paintBadge(QPainter* painter, const QRectF& body) const {
  const QString count = badgeText();
  if (count.isEmpty()) return;
  const bool errors = error_count_ > 0;
  const QFont font = font_of(10, QFont::Bold);
  const qreal width = badgeWidth();
  const QRectF badge(body.right() - width - 6, body.top() + 3, width, 16);
  painter->setPen(Qt::NoPen);
  painter->setBrush(errors ? error_color_ : warning_color_);
  painter->drawRoundedRect(badge, 8, 8);
  painter->setFont(font);
  painter->setPen(errors ? QColor(0xff, 0xff, 0xff) : QColor(0x2a, 0x21, 0x00));
  painter->drawText(badge, Qt::AlignCenter, count);
}

void NodeFace::paintPorts(QPainter* painter, const QRectF& body) const {
  const QFont label = font_of(tiny_font_size_, QFont::Normal);
  for (int i = 0; i < ports_.size(); ++i) {
    const QPointF centre(body.left(), body.top() + NodeListModel::port_y(i));  // where wires end
    const bool targeted = ports_[i] == target_port_;
    const QColor hit = target_fits_ ? success_color_ : error_color_;
    draw_port(painter, centre, targeted ? hit : body_color_, targeted ? hit : port_color_);
    if (detailed_) {
      draw_line(painter, label, faint_color_, QRectF(centre.x() + 9, centre.y() - 8, textLeft() - 12, 16), ports_[i],
                Qt::AlignLeft | Qt::AlignVCenter);
    }
  }
  if (has_output_) {
    const QPointF centre(body.right(), body.center().y());
    draw_port(painter, centre, connecting_ ? accent_color_ : body_color_, connecting_ ? accent_color_ : port_color_);
  }
}

}  // namespace cepheus::studio
