// The palette: one entry per statement kind that can be dropped on the canvas.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>

#include "stable_list_model.h"

namespace cepheus::studio {

struct PaletteRow {
  int id = 0;
  QString kind;  // the statement keyword
  QString title;
  QString description;
  QString group;  // inputs, processing, outputs
  friend bool operator==(const PaletteRow&, const PaletteRow&) = default;
};

class PaletteModel : public StableListModel<PaletteRow> {
  Q_OBJECT
  QML_ELEMENT

 public:
  enum Role { kKindRole = Qt::UserRole + 1, kTitleRole, kDescriptionRole, kGroupRole };

  explicit PaletteModel(QObject* parent = nullptr);

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
};

}  // namespace cepheus::studio
