// What a canvas node shows, painted as one item.
//
// A node drawn from a dozen Rectangles and Texts cost the scene graph a dozen
// items per node to place and, with a software renderer, its text laid out and
// rasterised again on every frame of a pan. This item paints the node once
// into an image (its body, header, kind, name, detail, ports with their labels,
// output port and problem badge) and the renderer only places that image until
// something shown changes. GraphNode keeps the input handling.
//
// The item covers the node and `margin` more on the left and right, where the
// port circles stick out; node coordinates are the item's minus that margin.
// The image is painted at `sharpness` times the item's size, so that a zoomed-in
// canvas stays crisp; the canvas raises it only once a zoom has rested.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QColor>
#include <QQuickPaintedItem>
#include <QStringList>

namespace cepheus::studio {

class NodeFace : public QQuickPaintedItem {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(qreal margin READ margin CONSTANT)
  // What the node says.
  Q_PROPERTY(QString kind MEMBER kind_ NOTIFY contentChanged)
  Q_PROPERTY(QString name MEMBER name_ NOTIFY contentChanged)
  Q_PROPERTY(QString detail MEMBER detail_ NOTIFY contentChanged)
  Q_PROPERTY(QStringList ports MEMBER ports_ NOTIFY contentChanged)
  Q_PROPERTY(bool hasOutput MEMBER has_output_ NOTIFY contentChanged)
  Q_PROPERTY(int errorCount MEMBER error_count_ NOTIFY contentChanged)
  Q_PROPERTY(int warningCount MEMBER warning_count_ NOTIFY contentChanged)
  // Its state on the canvas: selected, small text hidden (zoomed out), a wire being drawn.
  Q_PROPERTY(bool selected MEMBER selected_ NOTIFY contentChanged)
  Q_PROPERTY(bool detailed MEMBER detailed_ NOTIFY contentChanged)
  Q_PROPERTY(bool connecting MEMBER connecting_ NOTIFY contentChanged)      // a wire starts at its output
  Q_PROPERTY(QString targetPort MEMBER target_port_ NOTIFY contentChanged)  // a wire would end at it
  Q_PROPERTY(bool targetFits MEMBER target_fits_ NOTIFY contentChanged)
  // The theme's colours.
  Q_PROPERTY(QColor bodyColor MEMBER body_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor borderColor MEMBER border_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor selectionColor MEMBER selection_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor headerColor MEMBER header_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor kindColor MEMBER kind_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor textColor MEMBER text_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor mutedColor MEMBER muted_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor faintColor MEMBER faint_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor portColor MEMBER port_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor accentColor MEMBER accent_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor successColor MEMBER success_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor errorColor MEMBER error_color_ NOTIFY contentChanged)
  Q_PROPERTY(QColor warningColor MEMBER warning_color_ NOTIFY contentChanged)
  Q_PROPERTY(int tinyFontSize MEMBER tiny_font_size_ NOTIFY contentChanged)
  Q_PROPERTY(qreal sharpness READ sharpness WRITE setSharpness NOTIFY sharpnessChanged)
  // Where the name starts in node coordinates (after the port labels), for the rename field.
  Q_PROPERTY(qreal textLeft READ textLeft NOTIFY contentChanged)
  // The problem badge's width (0 without one), so the node can put its tooltip region over it.
  Q_PROPERTY(qreal badgeWidth READ badgeWidth NOTIFY contentChanged)
  // How many times the node was painted, so tests can tell a pan that only moved images.
  Q_PROPERTY(int paintCount READ paintCount NOTIFY painted)

 public:
  static constexpr qreal kMargin = 6;

  explicit NodeFace(QQuickItem* parent = nullptr);

  qreal margin() const { return kMargin; }
  qreal sharpness() const { return sharpness_; }
  void setSharpness(qreal sharpness);
  qreal textLeft() const { return ports_.isEmpty() ? 12 : 54; }
  int paintCount() const { return paint_count_; }
  qreal badgeWidth() const;

  void paint(QPainter* painter) override;

 signals:
  void contentChanged();
  void sharpnessChanged();
  void painted();

 private:
  void paintBody(QPainter* painter, const QRectF& body) const;
  void paintPorts(QPainter* painter, const QRectF& body) const;
  void paintBadge(QPainter* painter, const QRectF& body) const;
  // The count the badge shows: errors win over warnings; "" for no badge.
  QString badgeText() const;
  void fitTexture();

  QString kind_, name_, detail_, target_port_;
  QStringList ports_;
  bool has_output_ = false, selected_ = false, detailed_ = true, connecting_ = false, target_fits_ = true;
  int error_count_ = 0, warning_count_ = 0, tiny_font_size_ = 9;
  QColor body_color_, border_color_, selection_color_, header_color_, kind_color_, text_color_, muted_color_,
      faint_color_, port_color_, accent_color_, success_color_, error_color_, warning_color_;
  qreal sharpness_ = 1;
  int paint_count_ = 0;
};

}  // namespace cepheus::studio
