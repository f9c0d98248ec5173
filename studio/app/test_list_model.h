// The test bench's tests view: a project's tests (tests/*.toml), each with the
// outcome of its last run and, for a failure, the report with its explanation.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>

#include "stable_list_model.h"

namespace cepheus::studio {

struct TestRow {
  int id = 0;
  QString name;  // the file's stem
  QString path;  // the file
  QString description;
  QString status;   // "not run", "running", "passed", "failed", "error"
  QString summary;  // "1 alert, 51,841 events, 0.4 s", or why it could not run
  QString details;  // the report of the last run (expected, got, why not)
  QString rule;     // the rule of the first failed expectation, to jump to
  friend bool operator==(const TestRow&, const TestRow&) = default;
};

class TestListModel : public StableListModel<TestRow> {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("tests belong to a TestBench")

 public:
  enum Role {
    kNameRole = Qt::UserRole + 1,
    kPathRole,
    kDescriptionRole,
    kStatusRole,
    kSummaryRole,
    kDetailsRole,
    kRuleRole,
  };

  using StableListModel::StableListModel;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
};

}  // namespace cepheus::studio
