// The base of the studio's list models: a `count` property for QML that
// follows the number of rows (StableListModel emits countChanged).
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>

namespace cepheus::studio {

class CountedListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ANONYMOUS
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  using QAbstractListModel::QAbstractListModel;
  int count() const { return rowCount(); }

 signals:
  void countChanged();
};

}  // namespace cepheus::studio
