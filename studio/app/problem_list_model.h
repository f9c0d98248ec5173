// The problems panel: the checker's errors and warnings, in file order.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>

#include "stable_list_model.h"

namespace cepheus::studio {

struct ProblemRow {
  int id = 0;
  QString severity;  // error, warning, note
  QString message;
  QString hint;
  int file = 0;
  QString path;
  int line = 0;
  int column = 0;
  int begin = 0;  // the span in the file's text, in characters (QString positions)
  int end = 0;
  QString node;  // the statement the problem is in, or empty
  friend bool operator==(const ProblemRow&, const ProblemRow&) = default;
};

class ProblemListModel : public StableListModel<ProblemRow> {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("problems belong to a ProjectDocument")
  Q_PROPERTY(int errorCount READ errorCount NOTIFY countChanged)

 public:
  enum Role {
    kSeverityRole = Qt::UserRole + 1,
    kMessageRole,
    kHintRole,
    kFileRole,
    kPathRole,
    kLineRole,
    kColumnRole,
    kBeginRole,
    kEndRole,
    kNodeRole,
  };

  using StableListModel::StableListModel;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
  int errorCount() const;
};

}  // namespace cepheus::studio
