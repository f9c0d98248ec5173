#include "file_list_model.h"

namespace cepheus::studio {

QVariant FileListModel::data(const QModelIndex& index, int role) const {
  const FileRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case Qt::DisplayRole:
    case kPathRole: return row->path;
    case kStatementsRole: return row->statements;
    case kErrorsRole: return row->errors;
    case kModifiedRole: return row->modified;
    case kIndexRole: return row->id;
    default: return {};
  }
}

QHash<int, QByteArray> FileListModel::roleNames() const {
  return {{kPathRole, "path"},
          {kStatementsRole, "statements"},
          {kErrorsRole, "errorCount"},
          {kModifiedRole, "modified"},
          {kIndexRole, "fileIndex"}};
}

}  // namespace cepheus::studio
