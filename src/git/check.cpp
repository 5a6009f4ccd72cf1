#include "git/check.hpp"

#include <algorithm>

namespace nbloop::git {

util::Result<std::optional<CheckFinding>> check_stripped(const CheckInput& input, const strip::StripOptions& options,
                                                         bool unix_newlines) {
  auto stripped = strip::strip_bytes(input.content, options, unix_newlines);
  if (!stripped) {
    return stripped.error();
  }
  const std::string& a = input.content;
  const std::string& b = *stripped;
  if (a == b) {
    return std::optional<CheckFinding>();
  }
  // The first line that differs, counted in the stored file.
  size_t common = static_cast<size_t>(std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(std::min(a.size(), b.size())),
                                                    b.begin())
                                          .first -
                                      a.begin());
  size_t line_start = a.rfind('\n', common == 0 ? 0 : common - 1);
  line_start = (line_start == std::string::npos || common == 0) ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
  size_t line_end = a.find('\n', line_start);
  std::string text = a.substr(line_start, (line_end == std::string::npos ? a.size() : line_end) - line_start);
  if (!text.empty() && text.back() == '\r') {
    text.pop_back();
  }
  size_t first = text.find_first_not_of(" \t");
  text = first == std::string::npos ? std::string() : text.substr(first);
  if (text.size() > 60) {
    size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;  // keep whole UTF-8 characters
    }
    text = text.substr(0, cut) + "...";
  }
  CheckFinding finding;
  finding.path = input.path;
  finding.line = line;
  finding.column = 1;
  finding.end_line = line;
  finding.code = "not-stripped";
  finding.name = "not-stripped";
  finding.summary = "Notebook stored with outputs, execution counts or volatile metadata that `nbloop strip` removes";
  finding.message = "notebook is not stripped; `nbloop strip` would change it, first at line " + std::to_string(line);
  if (!text.empty()) {
    finding.message += " (" + text + ")";
  }
  return std::optional<CheckFinding>(std::move(finding));
}

}  // namespace nbloop::git
