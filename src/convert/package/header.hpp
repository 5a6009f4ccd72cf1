// The header nb2py puts on every file it generates: which notebooks it came from and the
// SHA-256 of the body below it, so a later run can tell its own untouched output from a file
// edited by hand (see docs/convert.md, "Headers, hashes and drift").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbloop::convert::package {

/// Prepends the header to `body`. `sources` (notebook paths as shown to users) appear in the
/// order given; one source fits on the first line, several get a line each. The header uses
/// `#` comments, so it suits Python and TOML alike.
std::string with_header(std::string_view body, const std::vector<std::string>& sources);

/// What a file's header says, when the file starts with one nb2py wrote.
struct ParsedHeader {
  std::vector<std::string> sources;  ///< the notebooks it names
  std::string recorded_hash;         ///< 64 hex digits
  size_t body_offset = 0;            ///< where the body starts in the file's bytes
};

/// Reads the header of a file's bytes; nullopt when the file does not start with one
/// (a file nbloop did not generate).
std::optional<ParsedHeader> parse_header(std::string_view bytes);

/// How a file on disk stands against the hash in its own header.
enum class FileOrigin {
  generated,       ///< our header, and the body still has the recorded hash
  edited_by_hand,  ///< our header, but the body changed since
  not_generated,   ///< no nb2py header: someone else's file
};

/// Classifies existing file bytes. A body whose only change is CRLF line endings (a checkout
/// with core.autocrlf) still counts as generated.
FileOrigin classify(std::string_view bytes);

}  // namespace nbloop::convert::package
