// The canvas's wires, with both ends in canvas coordinates so that QML only draws.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>
#include <vector>

#include "stable_list_model.h"

namespace cepheus::studio {

struct WireRow {
  int id = 0;
  int from = 0;  // node ids
  int to = 0;
  QString from_name;
  QString to_name;
  QString port;
  double x1 = 0;
  double y1 = 0;
  double x2 = 0;
  double y2 = 0;
  friend bool operator==(const WireRow&, const WireRow&) = default;
};

class WireListModel : public StableListModel<WireRow> {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("wires belong to a ProjectDocument")

 public:
  enum Role {
    kIdRole = Qt::UserRole + 1,
    kFromRole,
    kToRole,
    kFromNameRole,
    kToNameRole,
    kPortRole,
    kX1Role,
    kY1Role,
    kX2Role,
    kY2Role,
  };

  using StableListModel::StableListModel;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
};

}  // namespace cepheus::studio
