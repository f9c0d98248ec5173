// Reading and writing a project folder: its .cep files, the layout sidecar and
// the autosave copies.
//
// The sidecar `cepheus-layout.json` holds node positions by statement name,
// sorted, one node per line, so that moving a node gives a one-line diff and
// never touches the rules. Autosave copies live in `.cepheus/autosave/` (a
// hidden folder the rule loader skips) and are removed by a save.
#pragma once

#include <QString>

#include "layered_layout.h"
#include "statement_edits.h"

namespace cepheus::studio {

inline constexpr const char* kLayoutFile = "cepheus-layout.json";
inline constexpr const char* kAutosaveFolder = ".cepheus/autosave";

struct FolderContents {
  RuleTexts texts;  // paths relative to the folder, sorted
  Positions positions;
  bool has_layout = false;
};

// The rule files and layout of `folder`; false and `error` when it cannot be read.
bool read_project_folder(const QString& folder, FolderContents& contents, QString& error);
// Writes every text and the layout; false and `error` at the first failure.
bool write_project_folder(const QString& folder, const RuleTexts& texts, const Positions& positions, QString& error);

// Positions as the sidecar's JSON text, and back (unknown or malformed entries are skipped).
QByteArray layout_json(const Positions& positions);
Positions parse_layout_json(const QByteArray& json, QString& error);

bool write_autosave(const QString& folder, const RuleTexts& texts, const Positions& positions, QString& error);
// The autosaved texts when there are any newer than the project's own files.
bool read_autosave(const QString& folder, FolderContents& contents);
void remove_autosave(const QString& folder);

// Copies a folder tree (a template) to `target`, which must not exist or be empty.
bool copy_folder(const QString& source, const QString& target, QString& error);

}  // namespace cepheus::studio
