// NB101, NB102, NB103, NB106–NB112: notebook hygiene read off the notebook's facts (cells,
// outputs, ids, counts, metadata) and, for conflict markers, any source text.
#include <algorithm>
#include <cstdio>
#include <map>

#include "lint/rules/rules.hpp"
#include "util/conflict_markers.hpp"

namespace nbloop::lint::rules {
namespace {

using python::CellFacts;
using python::CellType;

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string human_size(size_t bytes) {
  char buf[32];
  if (bytes >= (size_t{1} << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / static_cast<double>(1 << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
  }
  return buf;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

// nbformat 4.5's cell id: 1 to 64 characters of [a-zA-Z0-9-_].
bool valid_cell_id(std::string_view id) {
  if (id.empty() || id.size() > 64) {
    return false;
  }
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The first non-blank line of a Markdown cell is a heading: ATX (`# Title`), setext (a line
// followed by `===`/`---`) or an HTML <h1>…<h6>.
bool starts_with_heading(const python::MappedText& source) {
  for (uint32_t i = 0; i < source.line_starts.size(); ++i) {
    std::string_view line = source.line_text(i);
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
      continue;
    }
    line = line.substr(start);
    if (line.starts_with('#')) {
      size_t hashes = line.find_first_not_of('#');
      return hashes <= 6 && (hashes == std::string_view::npos || line[hashes] == ' ' || line[hashes] == '\t');
    }
    if (line.size() >= 3 && (line[0] == '<') && (line[1] == 'h' || line[1] == 'H') && line[2] >= '1' &&
        line[2] <= '6') {
      return true;
    }
    if (i + 1 < source.line_starts.size()) {
      std::string_view next = source.line_text(i + 1);
      size_t s = next.find_first_not_of(" \t");
      if (s != std::string_view::npos) {
        next = next.substr(s);
        char c = next[0];
        if ((c == '=' || c == '-') && next.find_first_not_of(std::string(1, c) + " \t") == std::string_view::npos) {
          return true;
        }
      }
    }
    return false;
  }
  return false;
}

}  // namespace

void outputs_committed(RuleContext& ctx) {
  const auto& cells = ctx.facts().cells;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    const CellFacts& c = cells[i];
    if (c.type != CellType::code || (c.outputs.empty() && !c.execution_count)) {
      continue;
    }
    std::string what;
    int line = c.file_line;
    if (!c.outputs.empty()) {
      what = plural(c.outputs.size(), "output", "outputs");
      line = c.outputs.front().file_line;
    }
    if (c.execution_count) {
      what += (what.empty() ? "execution count " : " and execution count ") + std::to_string(*c.execution_count);
      line = c.execution_count_line;
    }
    ctx.report_cell_line(i, line, "Cell has " + what + " committed; strip the notebook (`nbloop strip`)");
  }
}

void large_output(RuleContext& ctx) {
  const auto& cells = ctx.facts().cells;
  const size_t limit = ctx.options().max_output_bytes;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    const CellFacts& c = cells[i];
    for (size_t k = 0; k < c.outputs.size(); ++k) {
      const auto& o = c.outputs[k];
      if (o.bytes <= limit) {
        continue;
      }
      std::string kind = o.output_type;
      if (!o.mime_types.empty()) {
        // The biggest part is rarely text: name the non-text types first.
        std::string types;
        for (const auto& m : o.mime_types) {
          if (!m.starts_with("text/")) {
            types += (types.empty() ? "" : ", ") + m;
          }
        }
        if (!types.empty()) {
          kind += ", " + types;
        }
      }
      ctx.report_cell_line(i, o.file_line,
                           "Output " + std::to_string(k + 1) + " (" + kind + ") is " + human_size(o.bytes) +
                               ", over the " + human_size(limit) + " limit (`max-output-bytes`)");
    }
  }
}

void out_of_order_execution(RuleContext& ctx) {
  // A count lower than the one of the code cell above ran before it; a count more than one
  // above every count so far means cells ran that are not above (re-run, deleted or below).
  // One finding per break: the cells after a break that follow it in order are not reported.
  const auto& cells = ctx.facts().cells;
  int64_t previous = 0;
  int previous_cell = 0;
  int64_t highest = 0;
  int highest_cell = 0;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    const CellFacts& c = cells[i];
    if (c.type != CellType::code || !c.execution_count) {
      continue;
    }
    const int64_t n = *c.execution_count;
    std::string message;
    if (previous_cell != 0 && n <= previous) {
      message = "Execution count " + std::to_string(n) + " comes after " + std::to_string(previous) + " (cell " +
                std::to_string(previous_cell) + "): the cells ran out of order";
    } else if (n > highest + 1 && highest_cell == 0) {
      message = "The first execution count is " + std::to_string(n) +
                ", not 1: code ran before this cell that the notebook does not show in order";
    } else if (n > highest + 1) {
      message = "Execution count jumps from " + std::to_string(highest) + " (cell " + std::to_string(highest_cell) +
                ") to " + std::to_string(n) + ": cells ran in between that are not above (re-run, deleted or below)";
    }
    if (!message.empty()) {
      ctx.report_cell_line(i, c.execution_count_line, std::move(message));
    }
    previous = n;
    previous_cell = c.index;
    if (n > highest) {
      highest = n;
      highest_cell = c.index;
    }
  }
}

void empty_code_cell(RuleContext& ctx) {
  const auto& cells = ctx.facts().cells;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    const CellFacts& c = cells[i];
    if (c.type == CellType::code && blank(c.source.text)) {
      ctx.report_cell(i, 0, 0, "Empty code cell");
    }
  }
}

void invalid_cell_id(RuleContext& ctx) {
  const auto& cells = ctx.facts().cells;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    const CellFacts& c = cells[i];
    if (!c.has_id) {
      continue;
    }
    if (!c.id) {
      ctx.report_cell_line(i, c.id_line, "Cell id is not a string");
    } else if (!valid_cell_id(*c.id)) {
      std::string shown = c.id->size() > 70 ? c.id->substr(0, 64) + "…" : *c.id;
      ctx.report_cell_line(i, c.id_line,
                           "Invalid cell id `" + shown + "`: ids are 1 to 64 characters of a-z, A-Z, 0-9, `-` and `_`");
    }
  }
}

void duplicate_cell_id(RuleContext& ctx) {
  const auto& cells = ctx.facts().cells;
  std::map<std::string_view, int> seen;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    const CellFacts& c = cells[i];
    if (!c.id) {
      continue;
    }
    auto [it, fresh] = seen.emplace(*c.id, c.index);
    if (!fresh) {
      ctx.report_cell_line(i, c.id_line,
                           "Duplicate cell id `" + *c.id + "` (also cell " + std::to_string(it->second) + ")");
    }
  }
}

void missing_cell_id(RuleContext& ctx) {
  const auto& f = ctx.facts();
  if (f.nbformat != 4 || f.nbformat_minor < 5) {
    return;
  }
  for (uint32_t i = 0; i < f.cells.size(); ++i) {
    if (!f.cells[i].has_id) {
      ctx.report_cell_line(i, f.cells[i].file_line,
                           "Cell has no id (nbformat 4." + std::to_string(f.nbformat_minor) + " requires one)");
    }
  }
}

void missing_kernelspec(RuleContext& ctx) {
  const auto& f = ctx.facts();
  if (f.nbformat >= 4 && !f.has_kernelspec) {
    ctx.report_notebook(f.metadata_line,
                        "Notebook metadata has no `kernelspec`: tools cannot tell which kernel runs it");
  }
}

void missing_title(RuleContext& ctx) {
  const auto& cells = ctx.facts().cells;
  if (cells.empty()) {
    ctx.report_notebook(ctx.facts().metadata_line, "Notebook has no cells, so no title");
    return;
  }
  const CellFacts& c = cells.front();
  if (c.type == CellType::markdown && starts_with_heading(c.source)) {
    return;
  }
  ctx.report_cell(0, 0, 0, "The first cell is not a Markdown heading: give the notebook a title");
}

void conflict_markers(RuleContext& ctx) {
  auto scan = [&](std::string_view text, auto&& report) {
    if (text.find("<<<<<<<") == std::string_view::npos && text.find(">>>>>>>") == std::string_view::npos) {
      return;
    }
    // The start of each 1-based line, to turn marker lines into byte ranges.
    std::vector<uint32_t> starts = {0};
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        starts.push_back(static_cast<uint32_t>(i + 1));
      }
    }
    for (const auto& c : util::find_conflicts(text)) {
      uint32_t start = starts[c.line - 1];
      uint32_t end = c.line < starts.size() ? starts[c.line] - 1 : static_cast<uint32_t>(text.size());
      while (end > start && (text[end - 1] == '\r' || text[end - 1] == '\n')) {
        --end;
      }
      report(start, end,
             c.opening ? std::string(
                             "Unresolved merge conflict: conflict marker `<<<<<<<`; resolve it and remove the markers")
                       : std::string("Unresolved merge conflict: closing marker `>>>>>>>` without an opening one"));
    }
  };
  if (!ctx.notebook()) {
    for (uint32_t u = 0; u < ctx.units().size(); ++u) {
      scan(ctx.units()[u].unit->original,
           [&](uint32_t s, uint32_t e, std::string m) { ctx.report_text(u, s, e, std::move(m)); });
    }
    return;
  }
  const auto& cells = ctx.facts().cells;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    scan(cells[i].source.text, [&](uint32_t s, uint32_t e, std::string m) { ctx.report_cell(i, s, e, std::move(m)); });
  }
}

}  // namespace nbloop::lint::rules
