// A template project copied into a test's temporary folder, so tests may edit and save it.
#pragma once

#include <gtest/gtest.h>
#include <QString>
#include <QTemporaryDir>

#include "project_folder.h"

namespace cepheus::studio {

inline QString copy_template(const QTemporaryDir& folder, const QString& name) {
  QString error;
  const QString target = folder.filePath(name);
  EXPECT_TRUE(copy_folder(QString(CEPHEUS_TEMPLATES) + "/" + name, target, error)) << error.toStdString();
  return target;
}

}  // namespace cepheus::studio
