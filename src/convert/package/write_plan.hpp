// Decides, for every file a run would generate, what happens to the file on disk: created,
// updated, left as it is, or refused because someone else's words are in it. This is the
// drift check behind `nb2py --check` and the guard behind `--force`.
#pragma once

#include <string>
#include <vector>

#include "convert/package/package_files.hpp"

namespace nbloop::convert::package {

enum class Action {
  create,          ///< no file yet
  update,          ///< nb2py's untouched file, new content
  unchanged,       ///< already the right bytes
  edited_by_hand,  ///< refused: nb2py's file, edited since (its body no longer has its hash)
  not_generated,   ///< refused: a file nb2py did not write
  users_file,      ///< pyproject.toml that is the user's (not ours, or edited): left alone
};

struct PlannedFile {
  OutputFile file;
  Action action = Action::create;
  std::string current;  ///< the file's bytes now (empty when it does not exist)
  bool forced = false;  ///< with --force, a refused file is overwritten (action says why)
};

struct WritePlan {
  std::vector<PlannedFile> files;
  std::vector<Problem> errors;    ///< files that could not be read
  std::vector<Problem> refusals;  ///< files not overwritten (without --force): edited, or not nb2py's
};

/// True when the planned file is to be written (created, updated, or forced).
bool writes(const PlannedFile& f);

/// Compares each file with the disk. Without `force`, a file edited by hand or not made by
/// nb2py is a refusal naming it; with it, the file is overwritten (pyproject.toml excepted:
/// a pyproject.toml nb2py did not write, or that was edited, is always the user's).
WritePlan plan_writes(std::vector<OutputFile> files, const ReadExisting& read, bool force);

}  // namespace nbloop::convert::package
