// The project explorer: the rule files of the open project.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>

#include "stable_list_model.h"

namespace cepheus::studio {

struct FileRow {
  int id = 0;    // the file's index in the project
  QString path;  // relative to the project folder
  int statements = 0;
  int errors = 0;
  bool modified = false;  // differs from the file on disk
  friend bool operator==(const FileRow&, const FileRow&) = default;
};

class FileListModel : public StableListModel<FileRow> {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("files belong to a ProjectDocument")

 public:
  enum Role { kPathRole = Qt::UserRole + 1, kStatementsRole, kErrorsRole, kModifiedRole, kIndexRole };

  using StableListModel::StableListModel;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
};

}  // namespace cepheus::studio
