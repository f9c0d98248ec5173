// The undo commands of the studio.
//
// Every edit of the project is one of two commands: a change of the rule texts
// (and node positions) from one state to another, or a move of nodes. Keeping
// whole states makes undo exact for every edit, however it changed the text.
// Typing in the editor merges into one step per file until another command
// comes between; the moves of one drag merge into one step.
#pragma once

#include <QUndoCommand>

#include "project_document.h"

namespace cepheus::studio {

class RuleEditCommand : public QUndoCommand {
 public:
  enum class Merge { kNever, kTyping };

  RuleEditCommand(ProjectDocument& document, const QString& label, ProjectDocument::State before,
                  ProjectDocument::State after, Merge merge = Merge::kNever, int file = -1);

  void undo() override;
  void redo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 private:
  ProjectDocument& document_;
  ProjectDocument::State before_;
  ProjectDocument::State after_;
  Merge merge_;
  int file_;
};

class MoveNodesCommand : public QUndoCommand {
 public:
  // `continues`: this move goes on from the previous one (the same drag).
  MoveNodesCommand(ProjectDocument& document, Positions before, Positions after, bool continues);

  void undo() override;
  void redo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 private:
  ProjectDocument& document_;
  Positions before_;
  Positions after_;
  bool continues_;
};

}  // namespace cepheus::studio
