#include "window_capture.h"

#include <QCoreApplication>
#include <QImage>
#include <QTimer>
#include <cstdio>

namespace cepheus::studio {

WindowCapture::WindowCapture(QQuickWindow* window, QString path, int settle_ms, QObject* parent)
    : QObject(parent), window_(window), path_(std::move(path)) {
  // Each frame restarts the wait: the capture comes when the scene has been still for settle_ms.
  auto* settle = new QTimer(this);
  settle->setSingleShot(true);
  settle->setInterval(settle_ms);
  connect(settle, &QTimer::timeout, this, &WindowCapture::capture);
  connect(window_, &QQuickWindow::frameSwapped, settle, qOverload<>(&QTimer::start));
  settle->start();
}

void WindowCapture::capture() {
  if (!window_) return;
  const QImage image = window_->grabWindow();
  if (image.isNull() || !image.save(path_, "PNG")) {
    std::fprintf(stderr, "cepheus-studio: cannot write the screenshot %s\n", qPrintable(path_));
    QCoreApplication::exit(1);
    return;
  }
  std::fprintf(stdout, "cepheus-studio: wrote %s (%dx%d)\n", qPrintable(path_), image.width(), image.height());
  QCoreApplication::exit(0);
}

}  // namespace cepheus::studio
