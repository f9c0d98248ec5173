// cepheus-studio: the desktop IDE. See --help.
#include <QtQml/qqmlextensionplugin.h>
#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QStandardPaths>
#include <QSurfaceFormat>
#include <cstdio>

#include "launch_options.h"
#include "window_capture.h"

Q_IMPORT_QML_PLUGIN(Cepheus_StudioPlugin)

namespace {

constexpr const char* kDescription =
    "Cepheus Studio: design complex-event-processing rules on a canvas and as text.\n"
    "\n"
    "Opens PROJECT (a folder of .cep files) or the start page. The canvas and the rule\n"
    "text are one: editing either changes the other. Node positions are kept in\n"
    "PROJECT/cepheus-layout.json.\n"
    "\n"
    "Examples:\n"
    "  cepheus-studio templates/predictive-maintenance\n"
    "  QT_QPA_PLATFORM=offscreen cepheus-studio templates/predictive-maintenance \\\n"
    "      --screenshot main.png --theme dark --select overheating";

QString templates_folder() {
  const QByteArray from_environment = qgetenv("CEPHEUS_TEMPLATES");
  if (!from_environment.isEmpty()) return QString::fromLocal8Bit(from_environment);
  return cepheus::studio::locate_data(QCoreApplication::applicationDirPath(), "share/cepheus/templates",
                                      QStringLiteral(CEPHEUS_SOURCE_TEMPLATES));
}

}  // namespace

int main(int argc, char* argv[]) {
  QGuiApplication app(argc, argv);
  QGuiApplication::setOrganizationName("Cepheus");
  QGuiApplication::setApplicationName("Cepheus Studio");
  QGuiApplication::setApplicationVersion(CEPHEUS_VERSION);

  QCommandLineParser parser;
  parser.setApplicationDescription(kDescription);
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("PROJECT", "A project folder to open.", "[PROJECT]");
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      "Open, lay out, write a PNG of the window to FILE and exit.", "FILE");
  const QCommandLineOption theme(QStringLiteral("theme"), "The colour theme: light (default) or dark.", "THEME",
                                 "light");
  const QCommandLineOption select(QStringLiteral("select"), "Select the node NAME (the inspector shows it).", "NAME");
  const QCommandLineOption size(QStringLiteral("size"), "The window size, e.g. 1600x1000.", "WxH", "1600x1000");
  parser.addOptions({screenshot, theme, select, size});
  parser.process(app);

  auto& options = cepheus::studio::LaunchOptions::instance();
  if (!parser.positionalArguments().isEmpty())
    options.project_path = QDir(parser.positionalArguments().first()).absolutePath();
  options.theme = parser.value(theme) == "dark" ? "dark" : "light";
  if (parser.value(theme) != "dark" && parser.value(theme) != "light") {
    std::fprintf(stderr, "cepheus-studio: --theme takes light or dark, not '%s'\n", qPrintable(parser.value(theme)));
    return 2;
  }
  options.select_node = parser.value(select);
  options.screenshot_path = parser.value(screenshot);
  options.templates_folder = templates_folder();
  options.manual_file =
      cepheus::studio::locate_data(QCoreApplication::applicationDirPath(), "share/doc/cepheus/rules-language.md",
                                   QStringLiteral(CEPHEUS_SOURCE_DOCS "/rules-language.md"));
  options.documents_folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QStringList dimensions = parser.value(size).split('x');
  const int width = dimensions.value(0).toInt();
  const int height = dimensions.size() == 2 ? dimensions[1].toInt() : 0;
  if (width < 400 || height < 300) {
    std::fprintf(stderr, "cepheus-studio: --size takes WIDTHxHEIGHT of at least 400x300, not '%s'\n",
                 qPrintable(parser.value(size)));
    return 2;
  }

  // Without a display the scene graph draws in software, which the offscreen platform can read back.
  if (QGuiApplication::platformName() == "offscreen" || QGuiApplication::platformName() == "minimal") {
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
  } else {
    // Shapes (the wire being drawn) are smoothed on the GPU only with multisampling.
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setSamples(4);
    QSurfaceFormat::setDefaultFormat(format);
  }
  QQuickStyle::setStyle("Fusion");

  QQmlApplicationEngine engine;
  QObject::connect(
      &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
      Qt::QueuedConnection);
  engine.load(QUrl("qrc:/qt/qml/Cepheus/Studio/Main.qml"));
  if (engine.rootObjects().isEmpty()) return 1;
  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
  if (window) window->resize(width, height);
  if (!options.screenshot_path.isEmpty() && window)
    new cepheus::studio::WindowCapture(window, options.screenshot_path, 600, &app);
  return QGuiApplication::exec();
}
