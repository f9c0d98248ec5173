// A list model whose rows have stable ids, updated by difference.
//
// update() removes the rows whose ids went away, changes the rows that stayed
// (in place) and appends new ones, so views keep their delegates and their
// state (a drag in progress, a hover) while the project changes under them.
#pragma once

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "counted_list_model.h"

namespace cepheus::studio {

template <typename Row>
class StableListModel : public CountedListModel {
 public:
  using CountedListModel::CountedListModel;

  int rowCount(const QModelIndex& parent = {}) const override {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
  }

  const std::vector<Row>& rows() const { return rows_; }

  int row_of(int id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
      if (rows_[i].id == id) return static_cast<int>(i);
    return -1;
  }

  void update(std::vector<Row> next) {
    std::unordered_map<int, std::size_t> wanted;
    for (std::size_t i = 0; i < next.size(); ++i) wanted.emplace(next[i].id, i);
    const std::size_t before = rows_.size();
    for (int row = static_cast<int>(rows_.size()) - 1; row >= 0; --row) {
      if (wanted.count(rows_[static_cast<std::size_t>(row)].id)) continue;
      beginRemoveRows({}, row, row);
      rows_.erase(rows_.begin() + row);
      endRemoveRows();
    }
    std::unordered_map<int, std::size_t> kept;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      kept.emplace(rows_[i].id, i);
      Row& fresh = next[wanted[rows_[i].id]];
      if (rows_[i] == fresh) continue;
      rows_[i] = std::move(fresh);
      const QModelIndex changed = index(static_cast<int>(i));
      emit dataChanged(changed, changed);
    }
    std::vector<Row> added;
    for (Row& row : next)
      if (!kept.count(row.id)) added.push_back(std::move(row));
    if (!added.empty()) {
      beginInsertRows({}, static_cast<int>(rows_.size()), static_cast<int>(rows_.size() + added.size()) - 1);
      for (Row& row : added) rows_.push_back(std::move(row));
      endInsertRows();
    }
    if (rows_.size() != before) emit countChanged();
  }

 protected:
  const Row* row_at(const QModelIndex& index) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= static_cast<int>(rows_.size())) return nullptr;
    return &rows_[static_cast<std::size_t>(index.row())];
  }

 private:
  std::vector<Row> rows_;
};

}  // namespace cepheus::studio
