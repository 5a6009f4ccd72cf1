// File access for nbloop: whole-file reads and atomic replacement (temp file + rename).
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace nbloop::util {

/// Reads a whole regular file. Fails with a one-line message (no path) when the file is
/// missing, a directory, unreadable or vanishes while being read.
Result<std::string> read_file(const std::string& path);

/// Reads all of standard input.
Result<std::string> read_stdin();

/// Replaces `path` with `bytes` atomically: a temp file in the same folder, fsync'd,
/// given the original file's mode, then renamed over it. On failure the original is
/// untouched and no temp file is left behind. Refuses files without any write permission
/// bit (even for root), since the user marked them read-only.
Status atomic_write(const std::string& path, std::string_view bytes);

/// Writes all bytes to a file descriptor, retrying on short writes and EINTR.
Status write_all(int fd, std::string_view bytes);

/// Outcome of `replace_if_changed`.
enum class WriteOutcome { unchanged, written };

/// Writes `bytes` to `path` only if they differ from `current` (the file's bytes as read):
/// an unchanged file keeps its mtime.
Result<WriteOutcome> replace_if_changed(const std::string& path, std::string_view current,
                                        std::string_view bytes);

}  // namespace nbloop::util
