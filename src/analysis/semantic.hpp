// Scopes and bindings of Python source (one unit, or a notebook's cells in order), as
// pyflakes and ruff model them: the facts behind F401, F811, F821, F841 and F405.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

struct TSTree;

namespace nbloop::python {
struct SourceUnit;
}

namespace nbloop::analysis {

/// A range of bytes in one unit (cell or file).
struct Loc {
  uint32_t unit = 0;
  uint32_t start = 0;
  uint32_t end = 0;
};

enum class BindingKind : uint8_t {
  import,            ///< import x / import x as y
  submodule_import,  ///< import x.y (binds x)
  from_import,       ///< from m import x
  star_import,       ///< from m import *
  future_import,     ///< from __future__ import x
  function,
  class_def,
  assignment,
  annotation,        ///< x: int (no value; not a definition)
  aug_assignment,
  named_expr,
  loop_var,
  with_item,
  except_handler,
  parameter,
  global,            ///< a name declared global/nonlocal
  comprehension_var,
  match_capture,
  type_alias,
};

/// One name bound in a scope.
struct Binding {
  std::string name;
  BindingKind kind = BindingKind::assignment;
  Loc loc;                  ///< the bound name (or the imported alias)
  int scope = 0;
  bool used = false;
  bool unpacked = false;          ///< bound by tuple unpacking (`a, b = f()`)
  bool unpacked_literal = false;  ///< ... from a tuple/list literal (`a, b = 1, 2`)
  bool overload = false;          ///< a function decorated with @overload
  bool redundant_alias = false;   ///< `import x as x` / `from m import x as x`: an explicit re-export
  bool in_import_error_try = false;  ///< in the body of a try that catches ImportError
  std::string qualified;          ///< imports: the imported module or member, e.g. "os.path"
  std::vector<std::pair<uint32_t, uint16_t>> forks;  ///< (if/try/match id, branch) from the top
};

enum class ScopeKind : uint8_t { module, class_def, function, lambda, comprehension, type_params };

struct Scope {
  ScopeKind kind = ScopeKind::module;
  int parent = -1;
  std::unordered_map<std::string, int> names;  ///< current binding of each name
  std::unordered_set<std::string> globals;      ///< names declared global or nonlocal here
  bool star_import = false;
  bool uses_locals = false;  ///< calls locals(): every local counts as used
};

/// A name read where nothing defines it.
struct Unresolved {
  std::string name;
  Loc loc;
  bool star = false;  ///< a star import in scope may define it (F405, not F821)
};

/// A binding that replaced another one in the same scope.
struct Shadowing {
  int shadowed = 0;
  int binding = 0;
};

/// The result of analysing a file (or a notebook's cells, in order).
struct Model {
  std::vector<Scope> scopes;
  std::vector<Binding> bindings;
  std::vector<Unresolved> unresolved;
  std::vector<Shadowing> shadowings;
  std::vector<int> unused_exception_names;  ///< `except E as e` whose `e` is never read
  std::vector<Loc> star_imports;            ///< each `from m import *` statement
  /// How each name read was resolved, keyed by (unit << 32 | start offset): the binding
  /// index, or k_builtin, or k_unresolved.
  std::unordered_map<uint64_t, int> references;
  static constexpr int k_builtin = -1;
  static constexpr int k_unresolved = -2;
  std::vector<std::string> star_modules;    ///< the module of each star import
};

/// One parsed unit to analyse.
struct UnitTree {
  const TSTree* tree = nullptr;
  const python::SourceUnit* unit = nullptr;
};

/// Analyses units in order as one module: module-level statements run top to bottom
/// across units (a name used before any earlier unit defines it is unresolved), function
/// bodies and string annotations are resolved after the whole module, as pyflakes does.
/// `notebook` adds IPython's builtins (display, get_ipython, In, Out, _N, …).
Model analyze(const std::vector<UnitTree>& units, bool notebook);

/// True when `name` is a Python builtin (or, with `notebook`, an IPython one).
bool is_builtin(std::string_view name, bool notebook);

}  // namespace nbloop::analysis
