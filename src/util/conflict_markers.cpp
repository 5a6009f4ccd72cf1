#include "util/conflict_markers.hpp"

#include <optional>
#include <string>

namespace nbloop::util {
namespace {

std::optional<MarkerKind> classify(std::string_view line, size_t min_size) {
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  if (line.size() < min_size) {
    return std::nullopt;
  }
  char c = line[0];
  size_t run = line.find_first_not_of(c);
  if (run == std::string_view::npos) {
    run = line.size();
  }
  if (run < min_size) {
    return std::nullopt;
  }
  if (c == '=') {
    return run == line.size() ? std::optional(MarkerKind::separator) : std::nullopt;
  }
  if (run < line.size() && line[run] != ' ') {
    return std::nullopt;
  }
  switch (c) {
    case '<': return MarkerKind::ours;
    case '|': return MarkerKind::base;
    case '>': return MarkerKind::theirs;
    default: return std::nullopt;
  }
}

}  // namespace

std::vector<MarkerLine> find_conflict_markers(std::string_view text, size_t min_size) {
  std::vector<MarkerLine> out;
  bool open = false;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    ++line_no;
    if (auto kind = classify(line, min_size)) {
      bool inner = *kind == MarkerKind::separator || *kind == MarkerKind::base;
      if (!inner || open) {
        out.push_back(MarkerLine{line_no, *kind});
      }
      if (*kind == MarkerKind::ours) {
        open = true;
      } else if (*kind == MarkerKind::theirs) {
        open = false;
      }
    }
    if (end == std::string_view::npos) {
      break;
    }
    pos = end + 1;
  }
  return out;
}

std::vector<Conflict> find_conflicts(std::string_view text, size_t min_size) {
  std::vector<Conflict> out;
  bool open = false;
  for (const MarkerLine& m : find_conflict_markers(text, min_size)) {
    if (m.kind == MarkerKind::ours) {
      out.push_back(Conflict{m.line, true});
      open = true;
    } else if (m.kind == MarkerKind::theirs) {
      if (!open) {
        out.push_back(Conflict{m.line, false});
      }
      open = false;
    }
  }
  return out;
}

bool has_conflict_markers(std::string_view text, size_t min_size) {
  // Fast reject: no run of '<' or '>' long enough anywhere.
  if (text.find(std::string(min_size, '<')) == std::string_view::npos &&
      text.find(std::string(min_size, '>')) == std::string_view::npos) {
    return false;
  }
  for (const MarkerLine& m : find_conflict_markers(text, min_size)) {
    if (m.kind == MarkerKind::ours || m.kind == MarkerKind::theirs) {
      return true;
    }
  }
  return false;
}

}  // namespace nbloop::util
