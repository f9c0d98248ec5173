#include "wire_list_model.h"

namespace cepheus::studio {

QVariant WireListModel::data(const QModelIndex& index, int role) const {
  const WireRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case kIdRole: return row->id;
    case kFromRole: return row->from;
    case kToRole: return row->to;
    case kFromNameRole: return row->from_name;
    case kToNameRole: return row->to_name;
    case Qt::DisplayRole:
    case kPortRole: return row->port;
    case kX1Role: return row->x1;
    case kY1Role: return row->y1;
    case kX2Role: return row->x2;
    case kY2Role: return row->y2;
    default: return {};
  }
}

QHash<int, QByteArray> WireListModel::roleNames() const {
  return {{kIdRole, "wireId"},     {kFromRole, "fromNode"}, {kToRole, "toNode"}, {kFromNameRole, "fromName"},
          {kToNameRole, "toName"}, {kPortRole, "port"},     {kX1Role, "x1"},     {kY1Role, "y1"},
          {kX2Role, "x2"},         {kY2Role, "y2"}};
}

}  // namespace cepheus::studio
