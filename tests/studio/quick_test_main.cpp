// studio_quick_tests: Qt Quick Test cases for the studio's QML components
// (tests/studio/qml/tst_*.qml), with the Cepheus.Studio module linked in.
#include <QtQml/qqmlextensionplugin.h>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QtQuickTest>

#include "launch_options.h"

Q_IMPORT_QML_PLUGIN(Cepheus_StudioPlugin)

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() {
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QQuickStyle::setStyle("Fusion");
    cepheus::studio::LaunchOptions::instance().templates_folder = CEPHEUS_TEMPLATES;
  }
  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath("qrc:/qt/qml");  // where the static module's QML files are
  }
};

QUICK_TEST_MAIN_WITH_SETUP(studio_quick, Setup)

#include "quick_test_main.moc"
