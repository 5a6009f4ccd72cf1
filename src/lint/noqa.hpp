// Suppression comments: `# noqa`, `# noqa: CODES` on a line, and file-wide
// `# nbloop: noqa-file[: CODES]` (also `# ruff: noqa[: CODES]` and `# flake8: noqa`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nbloop::lint {

/// One `# noqa` comment on a line.
struct NoqaDirective {
  uint32_t unit = 0;
  uint32_t line = 0;   ///< 0-based line in the unit
  uint32_t start = 0;  ///< byte range of the `noqa` part of the comment
  uint32_t end = 0;
  bool blanket = true;             ///< no codes: suppresses everything on the line
  std::vector<std::string> codes;  ///< as written
  std::vector<bool> used;          ///< per code: suppressed at least one finding
  bool blanket_used = false;
};

/// What a comment says, if it is a suppression.
struct ParsedNoqa {
  enum class Kind : uint8_t { none, line, file } kind = Kind::none;
  bool blanket = true;
  std::vector<std::string> codes;
  size_t offset = 0;  ///< where the directive starts in the comment
  size_t length = 0;
};

/// Parses one comment's text (starting with `#`).
ParsedNoqa parse_noqa_comment(std::string_view comment);

}  // namespace nbloop::lint
