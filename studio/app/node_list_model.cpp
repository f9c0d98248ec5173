#include "node_list_model.h"

namespace cepheus::studio {

QVariant NodeListModel::data(const QModelIndex& index, int role) const {
  const NodeRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case kIdRole: return row->id;
    case Qt::DisplayRole:
    case kNameRole: return row->name;
    case kKindRole: return row->kind;
    case kDetailRole: return row->detail;
    case kFileRole: return row->file;
    case kLineRole: return row->line;
    case kXRole: return row->x;
    case kYRole: return row->y;
    case kErrorsRole: return row->errors;
    case kWarningsRole: return row->warnings;
    case kProblemRole: return row->problem;
    case kSelectedRole: return row->selected;
    case kPortsRole: return row->ports;
    case kHasOutputRole: return row->has_output;
    default: return {};
  }
}

QHash<int, QByteArray> NodeListModel::roleNames() const {
  return {{kIdRole, "nodeId"},
          {kNameRole, "name"},
          {kKindRole, "kind"},
          {kDetailRole, "detail"},
          {kFileRole, "fileIndex"},
          {kLineRole, "line"},
          {kXRole, "posX"},
          {kYRole, "posY"},
          {kErrorsRole, "errorCount"},
          {kWarningsRole, "warningCount"},
          {kProblemRole, "problem"},
          {kSelectedRole, "selected"},
          {kPortsRole, "ports"},
          {kHasOutputRole, "hasOutput"}};
}

}  // namespace cepheus::studio
