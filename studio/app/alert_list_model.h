// The test bench's alert timeline: the alerts of the run so far, in order,
// each with where it sits on the timeline and whether the analyst approves it
// (for "record to test").
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>

#include "stable_list_model.h"

namespace cepheus::studio {

struct AlertRow {
  int id = 0;  // the alert's index in the run, from 1
  QString rule;
  QString severity;
  QString message;
  QString key;
  QString time;         // "09:05:49"
  QString offset;       // "+3h05m49s" from the scenario's start
  double fraction = 0;  // where on the timeline, 0..1 of the scenario's duration
  bool approved = true;
  friend bool operator==(const AlertRow&, const AlertRow&) = default;
};

class AlertListModel : public StableListModel<AlertRow> {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("alerts belong to a TestBench")

 public:
  enum Role {
    kRuleRole = Qt::UserRole + 1,
    kSeverityRole,
    kMessageRole,
    kKeyRole,
    kTimeRole,
    kOffsetRole,
    kFractionRole,
    kApprovedRole,
  };

  using StableListModel::StableListModel;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
};

}  // namespace cepheus::studio
