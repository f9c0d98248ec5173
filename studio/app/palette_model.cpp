#include "palette_model.h"

namespace cepheus::studio {

PaletteModel::PaletteModel(QObject* parent) : StableListModel(parent) {
  update({
      {1, "source", tr("Source"), tr("Events from an MQTT topic, a file or HTTP"), tr("Inputs")},
      {2, "schema", tr("Schema"), tr("The typed fields of an event"), tr("Inputs")},
      {3, "table", tr("Table"), tr("Reference data to join, from CSV or SQLite"), tr("Inputs")},
      {4, "stream", tr("Filter / stream"), tr("Filter, join, project and compute fields"), tr("Processing")},
      {5, "window", tr("Window"), tr("Aggregates over tumbling, sliding, session or count windows"), tr("Processing")},
      {6, "pattern", tr("Pattern"), tr("A sequence of events per key, with absence and quantifiers"), tr("Processing")},
      {7, "twin", tr("Twin"), tr("State kept per key, updated by events"), tr("Processing")},
      {8, "alert", tr("Alert"), tr("Tell a person: severity, message, throttle, targets"), tr("Outputs")},
      {9, "sink", tr("Sink"), tr("Send events to MQTT, a webhook or the log"), tr("Outputs")},
  });
}

QVariant PaletteModel::data(const QModelIndex& index, int role) const {
  const PaletteRow* row = row_at(index);
  if (!row) return {};
  switch (role) {
    case kKindRole: return row->kind;
    case Qt::DisplayRole:
    case kTitleRole: return row->title;
    case kDescriptionRole: return row->description;
    case kGroupRole: return row->group;
    default: return {};
  }
}

QHash<int, QByteArray> PaletteModel::roleNames() const {
  return {{kKindRole, "kind"}, {kTitleRole, "title"}, {kDescriptionRole, "description"}, {kGroupRole, "group"}};
}

}  // namespace cepheus::studio
