#include "test_list_model.h"

namespace cepheus::studio {

QVariant TestListModel::data(const QModelIndex& index, int role) const {
  const TestRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case Qt::DisplayRole:
    case kNameRole: return row->name;
    case kPathRole: return row->path;
    case kDescriptionRole: return row->description;
    case kStatusRole: return row->status;
    case kSummaryRole: return row->summary;
    case kDetailsRole: return row->details;
    case kRuleRole: return row->rule;
    default: return {};
  }
}

QHash<int, QByteArray> TestListModel::roleNames() const {
  return {{kNameRole, "name"},     {kPathRole, "path"},       {kDescriptionRole, "description"},
          {kStatusRole, "status"}, {kSummaryRole, "summary"}, {kDetailsRole, "details"},
          {kRuleRole, "rule"}};
}

}  // namespace cepheus::studio
