// The projects opened lately, newest first, kept in the user's settings.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>

#include "stable_list_model.h"

namespace cepheus::studio {

struct RecentRow {
  int id = 0;
  QString path;
  QString title;
  friend bool operator==(const RecentRow&, const RecentRow&) = default;
};

class RecentProjects : public StableListModel<RecentRow> {
  Q_OBJECT
  QML_ELEMENT

 public:
  static constexpr int kKept = 10;
  enum Role { kPathRole = Qt::UserRole + 1, kTitleRole };

  explicit RecentProjects(QObject* parent = nullptr);

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Puts `path` first (once) and saves the list.
  Q_INVOKABLE void add(const QString& path);

 private:
  void show(const QStringList& paths);
};

}  // namespace cepheus::studio
