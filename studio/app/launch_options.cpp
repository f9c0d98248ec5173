#include "launch_options.h"

#include <QJSEngine>

namespace cepheus::studio {

LaunchOptions& LaunchOptions::instance() {
  static auto* options = new LaunchOptions();  // lives as long as the process; QML never owns it
  return *options;
}

LaunchOptions* LaunchOptions::create(QQmlEngine*, QJSEngine*) {
  QJSEngine::setObjectOwnership(&instance(), QJSEngine::CppOwnership);
  return &instance();
}

}  // namespace cepheus::studio
