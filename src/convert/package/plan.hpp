// The generator's working model of one notebook: each code cell parsed once, each
// top-level statement classified and given a place (hoisted import, module level, main(),
// a test, dropped), and the facts the analysis settled (which names main() defines that
// functions read, which imports are still used, which calls are evidence for tests).
// Built by make_plan(), read by the module and test writers.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/semantic.hpp"
#include "convert/package/cells.hpp"
#include "convert/package/directives.hpp"
#include "convert/package/generate.hpp"
#include "convert/package/imports.hpp"
#include "convert/package/magics.hpp"
#include "convert/package/markdown.hpp"
#include "convert/package/syntax.hpp"
#include "python/parser.hpp"
#include "python/source.hpp"

namespace nbloop::convert::package {

/// What a code cell contributes.
enum class Role : uint8_t {
  module,    ///< its code goes to a module
  test,      ///< it becomes a test function
  evidence,  ///< export mode, not exported: only read for test evidence
  skipped,   ///< left out entirely
};

enum class StmtKind : uint8_t {
  import_,       ///< import / from-import / __future__ at the top level
  import_block,  ///< a top-level try whose body only imports (optional dependencies)
  definition,    ///< def / class (decorated or not)
  constant,      ///< assignment to UPPER_CASE names
  parameter,     ///< a literal assignment in the `parameters` cell
  escape,        ///< an IPython-only statement (masked)
  expression,    ///< a bare expression statement
  other,         ///< any other statement
  comment,       ///< comments with no statement after them in the cell
};

enum class Place : uint8_t { none, hoisted, module_level, main, dropped };

/// A text edit inside a cell's source (applied when a statement is written).
struct Edit {
  uint32_t start = 0;
  uint32_t end = 0;  ///< == start for an insertion
  std::string text;
};

struct Stmt {
  StmtKind kind = StmtKind::other;
  Place place = Place::none;
  uint32_t start = 0;              ///< first byte, leading comments included
  uint32_t node_start = 0;         ///< the statement itself
  uint32_t end = 0;                ///< end, a trailing comment on the same line included
  TSNode node{};                   ///< null for comment items
  std::vector<std::string> names;  ///< definition/constant/parameter names
  EscapeInfo escape;
  std::string escape_text;    ///< escapes: the statement as written
  bool also_in_main = false;  ///< a hoisted import main() rebinds: run again where it was
};

struct CodeCell {
  const NotebookCell* cell = nullptr;
  CellDirectives directives;
  Role role = Role::module;
  std::string module;    ///< the module the cell's code goes to
  bool foreign = false;  ///< a non-Python cell magic (%%bash, ...): kept as comments
  std::string foreign_magic;
  python::SourceUnit unit;
  python::Tree tree;
  bool parsed = false;
  int unit_index = -1;  ///< index among the analysed units
  std::vector<Stmt> stmts;
  std::vector<Edit> edits;  ///< sorted by start, non-overlapping
  size_t headings_end = 0;  ///< headings [0, headings_end) of the plan come before this cell
};

/// A literal-argument call of a module function or class seen in the notebook.
struct CallEvidence {
  size_t cell = 0;  ///< index into Plan::cells
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t callee_end = 0;  ///< end of the callee name
  bool has_result = false;
  std::string result_text;
};

/// A function or class a module defines, for tests and exports.
struct Definition {
  std::string name;
  std::string module;
  bool is_class = false;
  bool exported = true;             ///< public and not from an `exporti` cell
  std::string signature;            ///< the parameter list as written, for TODO messages
  std::vector<std::string> passed;  ///< main() names added as keyword-only parameters
  bool reads_main_globals = false;  ///< reads names main() defines (through `global`)
  bool nondeterministic = false;    ///< its text calls random, time, uuid, getpid...: results are not evidence
  std::vector<CallEvidence> calls;  ///< literal-argument calls, in notebook order
};

struct ModulePlan {
  std::string name;
  std::vector<ImportPiece> imports;        ///< hoisted imports used by the module's code
  std::vector<std::string> local_imports;  ///< names imported from sibling modules: "mod:name"
  std::vector<std::string> exports;
  std::vector<std::string> globals;  ///< `global` names main() declares
  std::vector<size_t> params;        ///< (cell, stmt) of the parameters, packed: cell << 20 | stmt
  bool has_main = false;
  bool async_main = false;
  std::set<std::string> ipython_names;  ///< IPython builtins kept code uses (display, get_ipython)
  bool uses_subprocess = false;         ///< `name = !cmd` became subprocess.getoutput(): import it
  std::string main_name = "main";
  std::set<std::string> module_names;  ///< every name bound at the module's top level
  std::vector<std::string> third_party;
};

struct TestPlan {
  std::vector<ImportPiece> imports;                          ///< imports the test cells use
  std::map<std::string, std::set<std::string>> from_module;  ///< module -> names test cells use
};

struct Plan {
  GenerateOptions options;
  NotebookCells input;
  std::vector<CodeCell> cells;
  std::vector<Heading> headings;  ///< every heading after the title, in notebook order
  std::string title;
  std::string summary;
  bool export_mode = false;
  std::string default_module;
  std::vector<ModulePlan> modules;  ///< in order of first appearance, the default first
  std::vector<Definition> definitions;
  std::map<std::string, TestPlan> tests;  ///< by module
  analysis::Model model;
  Generated result;  ///< requirements, warnings, errors collected while planning

  ModulePlan* module(const std::string& name) {
    for (auto& m : modules) {
      if (m.name == name) {
        return &m;
      }
    }
    return nullptr;
  }
  void warn(int cell, int line, int column, std::string message) {
    result.warnings.push_back(Diagnostic{cell, line, column, std::move(message)});
  }
};

/// Reads, parses, classifies and analyses the notebook. Errors (syntax, kernel) are in
/// `result.errors`; when there are any, the rest of the plan is incomplete.
Plan make_plan(notebook::Notebook& nb, const GenerateOptions& options);

/// Writes a statement's text with the cell's edits applied, trailing whitespace removed
/// from every line (outside strings) and `indent` put before every line that does not
/// start inside a string.
std::string statement_text(const CodeCell& cell, uint32_t start, uint32_t end, std::string_view indent);

/// The module's source text.
std::string module_source(Plan& plan, ModulePlan& module);

/// The module's tests' source text (import test, smoke calls, scaffolds, test cells):
/// independent of the notebook's outputs.
std::string test_source(Plan& plan, ModulePlan& module);

/// The module's regression tests from recorded results; empty when there are none.
std::string recorded_test_source(Plan& plan, ModulePlan& module);

}  // namespace nbloop::convert::package
