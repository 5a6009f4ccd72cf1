// Line-level rules jupytext applies to script text: quote tracking, Jupyter magic
// detection and (un)commenting, and the PEP 8 count of blank lines between cells.
// docs/text-forms.md describes the format these rules serve.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nbloop::convert {

using Lines = std::vector<std::string>;

/// Python's str.splitlines() (no line ends kept); "" gives no lines.
Lines split_lines(std::string_view text);

/// Python's str.strip() == "" for one line (ASCII whitespace).
bool is_blank(std::string_view line);

/// Tells whether the next line starts inside a string literal, reading one line at a
/// time (jupytext's StringParser rules, which only track quotes; no escapes inside
/// triple-quoted text, single quotes end at the end of a line).
class StringParser {
 public:
  /// `language`: "python", "R", or another kernel language ("" = ignore quotes).
  explicit StringParser(std::string_view language);
  [[nodiscard]] bool is_quoted() const { return !m_ignore && (m_single != 0 || m_triple != 0); }
  void read_line(std::string_view line);

 private:
  bool m_ignore = false;
  bool m_python = true;
  std::string m_comment;
  char m_single = 0;
  char m_triple = 0;
};

/// The comment marker jupytext uses for a language ("#" for python, R, julia, …), or ""
/// when the language has no script form.
std::string_view comment_for_language(std::string_view language);

/// jupytext's usual_language_name: "r" → "R", "octave" → "matlab", "c#" → "csharp", …
std::string usual_language_name(std::string_view language);

/// True when `name` follows a cell magic %%NAME that names a language (jupytext's list).
bool is_jupyter_language(std::string_view name);

/// Is `line` a Jupyter magic (or shell/help escape) that the percent form comments out?
bool is_magic(std::string_view line, std::string_view language, bool escape_flag, bool explicitly_code);

/// Comments magics in place ("%time x" → "# %time x"), skipping lines inside strings.
void comment_magics(Lines& source, std::string_view language, bool escape_flag);
/// Reverses comment_magics.
void uncomment_magics(Lines& source, std::string_view language, bool escape_flag);
/// jupytext's unescape_code_start for .py code cells ("# # +" → "# +").
void unescape_code_start(Lines& source, std::string_view language);

/// Number of blank lines jupytext puts between two cells' text (0, 1 or 2).
int pep8_lines_between_cells(const Lines& prev, const Lines& next, size_t next_begin = 0);
/// The same, with the following lines given last-to-first (how the writer accumulates them).
int pep8_lines_between_cells_reversed(const Lines& prev, const Lines& reversed_next);

/// Prefixes each line with "# " (or "#" for an empty line).
Lines comment_lines(const Lines& lines, std::string_view prefix);
/// Removes "# " or "#" from the start of each line that has it.
void uncomment_lines(Lines& lines, std::string_view prefix);

}  // namespace nbloop::convert
