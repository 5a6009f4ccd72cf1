// Reads the committed or staged bytes of a working-tree file through libgit2, for
// `nbloop diff PATH` (the git layer proper belongs to src/git; this is one read).
#pragma once

#include <string>

#include "util/result.hpp"

namespace nbloop::convert {

/// The bytes git would compare a working file with: its index (staged) entry, else its
/// blob in HEAD. Failure kinds: not inside a repository; the path is not tracked.
util::Result<std::string> read_git_base(const std::string& path, std::string* label = nullptr);

}  // namespace nbloop::convert
