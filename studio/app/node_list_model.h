// The canvas's nodes, one row per statement, for QML.
//
// Rows keep their place while the project changes: an update removes the rows
// whose nodes went away, changes the rows that stayed and appends new ones, so
// delegates on the canvas are not rebuilt for every keystroke in the editor.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>
#include <QStringList>
#include <vector>

#include "stable_list_model.h"

namespace cepheus::studio {

struct NodeRow {
  int id = 0;
  QString name;
  QString kind;  // the statement keyword: source, stream, pattern...
  QString detail;
  int file = 0;
  int line = 0;
  double x = 0;
  double y = 0;
  int errors = 0;
  int warnings = 0;
  QString problem;  // the first error or warning, for the badge's tooltip
  bool selected = false;
  QStringList ports;  // input ports, top to bottom
  bool has_output = true;
  friend bool operator==(const NodeRow&, const NodeRow&) = default;
};

class NodeListModel : public StableListModel<NodeRow> {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("nodes belong to a ProjectDocument")
  Q_PROPERTY(double nodeWidth READ nodeWidth CONSTANT)
  Q_PROPERTY(double nodeHeight READ nodeHeight CONSTANT)

 public:
  enum Role {
    kIdRole = Qt::UserRole + 1,
    kNameRole,
    kKindRole,
    kDetailRole,
    kFileRole,
    kLineRole,
    kXRole,
    kYRole,
    kErrorsRole,
    kWarningsRole,
    kProblemRole,
    kSelectedRole,
    kPortsRole,
    kHasOutputRole,
  };

  static constexpr double kWidth = 200;
  static constexpr double kHeight = 76;
  // Where input port `index` sits, from the node's top edge; the output is at mid height.
  static double port_y(int index) { return 30 + 16 * index; }

  using StableListModel::StableListModel;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  double nodeWidth() const { return kWidth; }
  double nodeHeight() const { return kHeight; }
};

}  // namespace cepheus::studio
