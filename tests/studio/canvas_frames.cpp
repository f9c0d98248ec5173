// studio_canvas_frames: how smooth the canvas is with 1,000 nodes and 1,500
// wires. Opens a generated project in the real window (offscreen, software
// rendering, so the figures are a pessimistic bound for a GPU desktop), then
// pans, zooms and drags a node frame by frame and prints frame-time percentiles.
// A measuring tool, not a test: figures are reported, never asserted.
#include <QtQml/qqmlextensionplugin.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QQuickStyle>
#include <QSGRendererInterface>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include "large_project.h"
#include "studio_window.h"

Q_IMPORT_QML_PLUGIN(Cepheus_StudioPlugin)

using cepheus::studio::StudioWindow;

namespace {

// Runs `step` for `frames` frames; each waits for the frame it caused to be drawn.
std::vector<double> measure(QQuickWindow* window, int frames, const std::function<void(int)>& step) {
  std::vector<double> times;
  bool drawn = false;
  const auto connection = QObject::connect(window, &QQuickWindow::afterRendering, [&] { drawn = true; });
  for (int frame = 0; frame < frames; ++frame) {
    QElapsedTimer timer;
    timer.start();
    drawn = false;
    step(frame);
    window->update();
    while (!drawn) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  QObject::disconnect(connection);
  return times;
}

void report(const char* what, std::vector<double> times) {
  std::sort(times.begin(), times.end());
  auto at = [&](double p) { return times[static_cast<std::size_t>(p * static_cast<double>(times.size() - 1))]; };
  std::printf("%-28s frames %4zu  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%.0f fps at p50)\n", what, times.size(),
              at(0.5), at(0.95), times.back(), 1000.0 / at(0.5));
}

}  // namespace

int main(int argc, char** argv) {
  // CEPHEUS_FRAMES_GL=1 (under xvfb-run) draws with OpenGL (Mesa's llvmpipe without a GPU),
  // the path a desktop takes; by default the offscreen software renderer, a pessimistic bound.
  const bool gl = qgetenv("CEPHEUS_FRAMES_GL") == "1";
  if (!gl) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  if (!gl) QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
  std::printf("renderer: %s\n", gl ? "OpenGL (xcb)" : "software (offscreen)");
  QQuickStyle::setStyle("Fusion");
  QTemporaryDir folder;
  QFile rules(folder.filePath("rules.cep"));
  if (!rules.open(QIODevice::WriteOnly)) return 1;
  rules.write(QByteArray::fromStdString(cepheus::studio::large_project_text()));
  rules.close();

  QElapsedTimer open_timer;
  open_timer.start();
  StudioWindow studio(folder.path());
  if (!studio.window()) return 1;
  std::printf("project: %d nodes, %d wires; opened and laid out in %lld ms\n", studio.document().nodes()->rowCount(),
              studio.document().wires()->rowCount(), open_timer.elapsed());
  QQuickItem* canvas = studio.find("canvas");
  QQuickWindow* window = studio.window();
  canvas->setProperty("zoom", 0.5);

  const QByteArray only = argc > 1 ? QByteArray(argv[1]) : QByteArray();  // --edit-only, --pan-only: for profiling
  const bool frames = only != "--edit-only";
  const double pan_x = canvas->property("panX").toDouble();
  if (frames) {
    report("pan (zoom 50 %)",
           measure(window, 120, [&](int frame) { canvas->setProperty("panX", pan_x - 8.0 * frame); }));
    if (only == "--pan-only") return 0;
    report("zoom 30 % .. 150 %",
           measure(window, 120, [&](int frame) { canvas->setProperty("zoom", 0.3 + 1.2 * (frame % 60) / 60.0); }));
    canvas->setProperty("zoom", 1.0);
    QMetaObject::invokeMethod(canvas, "centerOn", Q_ARG(QVariant, studio.document().id_of("f250").value_or(1)));
    studio.document().findNode("f250");
    report("drag one node (moves wires)",
           measure(window, 120, [&](int frame) { studio.document().moveSelection(2, 1, frame > 0); }));
  }
  QElapsedTimer edit_timer;
  edit_timer.start();
  studio.document().setCurrentText(studio.document().currentText() + "\nstream typed from f1\n");
  QCoreApplication::processEvents();
  std::printf("one keystroke's re-read of the whole project (check, graph, models): %lld ms\n", edit_timer.elapsed());
  return 0;
}
