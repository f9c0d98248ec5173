#include "problem_list_model.h"

#include <algorithm>

namespace cepheus::studio {

QVariant ProblemListModel::data(const QModelIndex& index, int role) const {
  const ProblemRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case kSeverityRole: return row->severity;
    case Qt::DisplayRole:
    case kMessageRole: return row->message;
    case kHintRole: return row->hint;
    case kFileRole: return row->file;
    case kPathRole: return row->path;
    case kLineRole: return row->line;
    case kColumnRole: return row->column;
    case kBeginRole: return row->begin;
    case kEndRole: return row->end;
    case kNodeRole: return row->node;
    default: return {};
  }
}

QHash<int, QByteArray> ProblemListModel::roleNames() const {
  return {{kSeverityRole, "severity"}, {kMessageRole, "message"}, {kHintRole, "hint"},     {kFileRole, "fileIndex"},
          {kPathRole, "path"},         {kLineRole, "line"},       {kColumnRole, "column"}, {kBeginRole, "begin"},
          {kEndRole, "end"},           {kNodeRole, "node"}};
}

int ProblemListModel::errorCount() const {
  return static_cast<int>(
      std::count_if(rows().begin(), rows().end(), [](const ProblemRow& row) { return row.severity == "error"; }));
}

}  // namespace cepheus::studio
