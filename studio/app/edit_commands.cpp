#include "edit_commands.h"

namespace cepheus::studio {
namespace {

enum CommandId { kTypingId = 1, kMoveId = 2 };

bool same_nodes(const Positions& a, const Positions& b) {
  if (a.size() != b.size()) return false;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
    if (i->first != j->first) return false;
  return true;
}

}  // namespace

RuleEditCommand::RuleEditCommand(ProjectDocument& document, const QString& label, ProjectDocument::State before,
                                 ProjectDocument::State after, Merge merge, int file)
    : QUndoCommand(label),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      merge_(merge),
      file_(file) {}

void RuleEditCommand::undo() {
  document_.apply_state(before_);
}
void RuleEditCommand::redo() {
  document_.apply_state(after_);
}

int RuleEditCommand::id() const {
  return merge_ == Merge::kTyping ? kTypingId : -1;
}

bool RuleEditCommand::mergeWith(const QUndoCommand* other) {
  const auto* typing = dynamic_cast<const RuleEditCommand*>(other);
  if (!typing || typing->merge_ != Merge::kTyping || typing->file_ != file_) return false;
  after_ = typing->after_;
  return true;
}

MoveNodesCommand::MoveNodesCommand(ProjectDocument& document, Positions before, Positions after, bool continues)
    : QUndoCommand(QObject::tr("Move %n node(s)", nullptr, static_cast<int>(after.size()))),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      continues_(continues) {}

void MoveNodesCommand::undo() {
  document_.set_positions(before_);
}
void MoveNodesCommand::redo() {
  document_.set_positions(after_);
}

int MoveNodesCommand::id() const {
  return kMoveId;
}

bool MoveNodesCommand::mergeWith(const QUndoCommand* other) {
  const auto* move = dynamic_cast<const MoveNodesCommand*>(other);
  if (!move || !move->continues_ || !same_nodes(move->after_, after_)) return false;
  after_ = move->after_;
  return true;
}

}  // namespace cepheus::studio
