// What the studio was started with (command line and environment), for QML.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QString>

class QQmlEngine;
class QJSEngine;

namespace cepheus::studio {

// Where the studio's data is: `app_dir/../installed` in an installed layout (bin/
// next to share/), else `source` (a build tree run from the sources), as a
// canonical path; "" when neither exists.
QString locate_data(const QString& app_dir, const QString& installed, const QString& source);

class LaunchOptions : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(QString projectPath MEMBER project_path CONSTANT)
  Q_PROPERTY(QString theme MEMBER theme CONSTANT)
  Q_PROPERTY(QString selectNode MEMBER select_node CONSTANT)
  Q_PROPERTY(bool screenshot READ screenshot CONSTANT)
  Q_PROPERTY(QString templatesFolder MEMBER templates_folder CONSTANT)
  Q_PROPERTY(QString documentsFolder MEMBER documents_folder CONSTANT)
  // The rule-language manual (Help > Rule Language Manual), "" when it cannot be found.
  Q_PROPERTY(QString manualFile MEMBER manual_file CONSTANT)

 public:
  QString project_path;
  QString theme = "light";
  QString select_node;
  QString screenshot_path;
  QString templates_folder;
  QString documents_folder;
  QString manual_file;

  bool screenshot() const { return !screenshot_path.isEmpty(); }

  // The one instance, set up by main() before QML is loaded.
  static LaunchOptions& instance();
  static LaunchOptions* create(QQmlEngine* engine, QJSEngine* script_engine);

 private:
  // Private, so that QML uses create() (Qt 6.4 prefers a default constructor over the factory).
  LaunchOptions() = default;
};

}  // namespace cepheus::studio
