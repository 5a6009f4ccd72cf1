// The meeting point of nb2py's two halves: the generator turns one notebook into the
// contents of Python modules and their tests (pure, in memory); the package writer
// (mapping, headers and hashes, __init__.py, pyproject.toml, drift check, atomic writes)
// puts them on disk. See docs/convert.md.
#pragma once

#include <string>
#include <vector>

#include "notebook/notebook.hpp"

namespace nbloop::convert::package {

/// A problem tied to a place in the notebook: `cell` is 1-based among all cells (0: the
/// notebook as a whole), `line`/`column` are 1-based within the cell (0: not known).
struct Diagnostic {
  int cell = 0;
  int line = 0;
  int column = 0;
  std::string message;
};

/// What the writer tells the generator.
struct GenerateOptions {
  std::string package;         ///< the package name, e.g. "churn" (for relative imports)
  std::string default_module;  ///< module for cells not routed elsewhere, e.g. "train_model"
  std::string notebook_path;   ///< the notebook as named in headers and messages
  int line_length = 88;        ///< for wrapping generated lines (e.g. __all__)
};

/// A requirement found in the notebook (`!pip install x==1.2`, `%pip install x`).
struct Requirement {
  std::string spec;  ///< as written, version pin included, e.g. "scikit-learn>=1.3"
  int cell = 0;
  int line = 0;
};

/// One module made from the notebook (a notebook routes cells to one module or several).
struct GeneratedModule {
  std::string name;    ///< module name within the package, e.g. "train_model"
  std::string source;  ///< the module's text, without the generated-file header
  /// tests/test_<name>.py's text, without the header; empty: no tests. Like `source`, it
  /// depends only on the notebook's code, markdown, tags and metadata, never on outputs.
  std::string test_source;
  /// tests/test_<name>_recorded.py's text, without the header: regression tests asserting
  /// the `text/plain` results the notebook recorded for literal calls of this module's
  /// functions. Empty when the notebook records none for this module.
  std::string recorded_test_source;
  std::vector<std::string> exports;              ///< public names, in order, for __init__.py and __all__
  std::vector<std::string> third_party_imports;  ///< top-level modules imported that are not stdlib or local
};

/// Everything made from one notebook. When `errors` is not empty nothing may be written.
struct Generated {
  std::vector<GeneratedModule> modules;
  std::vector<Requirement> requirements;
  /// Some code cell carries outputs. When false (a stripped notebook) its recorded results
  /// are unknown rather than absent, so an existing recorded-tests file is left alone.
  bool has_outputs = false;
  std::vector<Diagnostic> warnings;  ///< e.g. a magic kept as a comment, a global reported
  std::vector<Diagnostic> errors;    ///< e.g. a syntax error, a non-Python kernel
};

/// Turns a notebook into modules and tests. Deterministic: the same notebook and options
/// give the same bytes. Never touches the disk.
Generated generate(notebook::Notebook& nb, const GenerateOptions& options);

}  // namespace nbloop::convert::package
