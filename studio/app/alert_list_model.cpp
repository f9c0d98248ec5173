#include "alert_list_model.h"

namespace cepheus::studio {

QVariant AlertListModel::data(const QModelIndex& index, int role) const {
  const AlertRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case kRuleRole: return row->rule;
    case kSeverityRole: return row->severity;
    case Qt::DisplayRole:
    case kMessageRole: return row->message;
    case kKeyRole: return row->key;
    case kTimeRole: return row->time;
    case kOffsetRole: return row->offset;
    case kFractionRole: return row->fraction;
    case kApprovedRole: return row->approved;
    default: return {};
  }
}

QHash<int, QByteArray> AlertListModel::roleNames() const {
  return {{kRuleRole, "rule"}, {kSeverityRole, "severity"}, {kMessageRole, "message"},   {kKeyRole, "key"},
          {kTimeRole, "time"}, {kOffsetRole, "offset"},     {kFractionRole, "fraction"}, {kApprovedRole, "approved"}};
}

}  // namespace cepheus::studio
