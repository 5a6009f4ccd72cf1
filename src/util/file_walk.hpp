// Expands command-line paths into files: directories are walked for a file extension.
#pragma once

#include <string>
#include <vector>

namespace nbloop::util {

/// One path to process, or one that could not be expanded (`error` set).
struct WalkEntry {
  std::string path;
  std::string error;
};

/// Expands `paths`: a directory yields every file below it whose name ends in one of
/// `extensions`, sorted, skipping hidden folders and `.ipynb_checkpoints`; any other
/// path (also a folder whose own name has the extension) is passed through unchanged (even if missing, so the caller reports it).
std::vector<WalkEntry> expand_paths(const std::vector<std::string>& paths,
                                    const std::vector<std::string>& extensions);

}  // namespace nbloop::util
