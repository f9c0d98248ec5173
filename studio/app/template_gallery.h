// The template projects shown on the start page: one row per folder of the
// templates folder, titled and summarised by its README.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QString>

#include "stable_list_model.h"

namespace cepheus::studio {

struct TemplateRow {
  int id = 0;
  QString name;  // the folder name
  QString title;
  QString summary;
  QString path;
  friend bool operator==(const TemplateRow&, const TemplateRow&) = default;
};

class TemplateGallery : public StableListModel<TemplateRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged)

 public:
  enum Role { kNameRole = Qt::UserRole + 1, kTitleRole, kSummaryRole, kPathRole };

  explicit TemplateGallery(QObject* parent = nullptr);

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
  QString folder() const { return folder_; }
  void setFolder(const QString& folder);

 signals:
  void folderChanged();

 private:
  QString folder_;
};

}  // namespace cepheus::studio
