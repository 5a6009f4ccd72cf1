// What nb2py does with each IPython-only statement of a cell (a line magic, a shell escape,
// help syntax, an automagic): drop it, reduce it to its Python, collect it as a
// requirement, or keep it as a comment with a warning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nbloop::convert::package {

enum class EscapeKind : uint8_t {
  drop,     ///< %matplotlib, %load_ext, %reload_ext, %autoreload, %aimport, %config: notebook-only
  timing,   ///< %time / %timeit: `python` holds the statement they time
  install,  ///< !pip install, %pip install, %conda install, ...: `specs` holds the requirements
  help,     ///< obj? / ??obj: display only, dropped
  capture,  ///< `name = !cmd`: `python` holds the subprocess.getoutput() assignment replacing it
  other,    ///< anything else: kept as a comment, with a warning
};

struct EscapeInfo {
  EscapeKind kind = EscapeKind::other;
  std::string python;              ///< timing: the Python statement (may be empty); capture: the assignment
  std::vector<std::string> specs;  ///< install: requirement specs as written (quotes removed)
  bool unread_file = false;        ///< install: `-r FILE` named a requirements file
};

/// Classifies one IPython statement: `text` is its logical line as written, leading
/// indentation removed (e.g. "%timeit -n 10 f(x)", "!pip install pandas==2.1", "x = !ls").
EscapeInfo classify_escape(std::string_view text);

/// A cell magic's first line (`%%time`, `%%timeit -n 3 setup()`): the Python it leaves on
/// that line (timeit's setup statement, else empty), and whether the magic is one that
/// nb2py reduces silently (time, timeit) rather than with a warning.
struct CellMagicLine {
  std::string name;    ///< "time", "bash", ...
  std::string python;  ///< Python left on the first line
  bool silent = false;
};
CellMagicLine read_cell_magic(std::string_view first_line);

}  // namespace nbloop::convert::package
