#include "launch_options.h"

#include <QFileInfo>
#include <QJSEngine>

namespace cepheus::studio {

QString locate_data(const QString& app_dir, const QString& installed, const QString& source) {
  for (const QString& candidate : {app_dir + "/../" + installed, source}) {
    if (!candidate.isEmpty() && QFileInfo::exists(candidate)) return QFileInfo(candidate).canonicalFilePath();
  }
  return {};
}

LaunchOptions& LaunchOptions::instance() {
  static auto* options = new LaunchOptions();  // lives as long as the process; QML never owns it
  return *options;
}

LaunchOptions* LaunchOptions::create(QQmlEngine*, QJSEngine*) {
  QJSEngine::setObjectOwnership(&instance(), QJSEngine::CppOwnership);
  return &instance();
}

}  // namespace cepheus::studio
