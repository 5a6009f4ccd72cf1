// Puts a run's planned files on disk, all or nothing: every folder is checked first, each
// file is replaced atomically, and a failure part-way restores what was there before.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "convert/package/write_plan.hpp"

namespace nbloop::convert::package {

/// Checks that every file to write can be written: each file's folder exists and is
/// writable, or the nearest existing folder above it is (nb2py creates the rest). A folder
/// without any write permission bit counts as read-only even for root, as util::atomic_write
/// treats files. Returns the problems (empty: go ahead). Touches nothing.
std::vector<Problem> check_writable(const std::vector<PlannedFile>& files);

struct WriteReport {
  size_t written = 0;
  std::optional<Problem> failure;  ///< set: nothing was left changed (see write_planned)
};

/// Creates the missing folders and writes every file `writes()` selects, `threads` at a
/// time (each write is fsync'd; several keep the disk busy). If any write fails, the files
/// already written get their old bytes back, new files and new folders are removed, and the
/// failure names the file (the first by path).
WriteReport write_planned(const std::vector<PlannedFile>& files, unsigned threads);

}  // namespace nbloop::convert::package
