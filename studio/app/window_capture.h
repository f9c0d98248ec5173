// --screenshot: waits until the window has been laid out and drawn, saves a
// PNG of it and quits.
#pragma once

#include <QObject>
#include <QPointer>
#include <QQuickWindow>
#include <QString>

namespace cepheus::studio {

class WindowCapture : public QObject {
  Q_OBJECT

 public:
  // Captures `window` once it has drawn and `settle_ms` have passed with no new frame needed.
  WindowCapture(QQuickWindow* window, QString path, int settle_ms, QObject* parent = nullptr);

 private:
  void capture();

  QPointer<QQuickWindow> window_;
  QString path_;
};

}  // namespace cepheus::studio
