#include "analysis/semantic.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>

#include "python/parser.hpp"
#include "python/source.hpp"

namespace nbloop::analysis {
namespace {

// Symbol and field ids of the grammar, looked up once.
struct Grammar {
  TSSymbol module, block, identifier, keyword_identifier, import_statement, future_import_statement,
      import_from_statement, aliased_import, dotted_name, wildcard_import, relative_import, function_definition,
      class_definition, decorated_definition, decorator, assignment, augmented_assignment, named_expression,
      for_statement, if_statement, elif_clause, else_clause, try_statement, except_clause, finally_clause,
      with_statement, with_item, as_pattern, as_pattern_target, global_statement, nonlocal_statement,
      delete_statement, lambda, list_comprehension, set_comprehension, dictionary_comprehension,
      generator_expression, for_in_clause, if_clause, call, attribute, keyword_argument, type, string,
      string_content, interpolation, subscript, match_statement, case_clause, case_pattern, class_pattern,
      keyword_pattern, splat_pattern, pattern_list, tuple_pattern, list_pattern, expression_list, tuple, list,
      list_splat_pattern, list_splat, dictionary_splat_pattern, parenthesized_expression, typed_parameter,
      default_parameter, typed_default_parameter, parameters, lambda_parameters, comment, type_alias_statement,
      concatenated_string, expression_statement, union_pattern, dict_pattern, generic_type, type_parameter;
  TSFieldId f_name, f_alias, f_module_name, f_body, f_parameters, f_return_type, f_superclasses, f_left, f_right,
      f_type, f_value, f_condition, f_consequence, f_alternative, f_definition, f_function, f_arguments, f_object,
      f_subject, f_guard, f_type_parameters;

  Grammar() {
    const TSLanguage* lang = python::language();
    auto sym = [&](const char* n) { return ts_language_symbol_for_name(lang, n, static_cast<uint32_t>(strlen(n)), true); };
    auto fld = [&](const char* n) { return ts_language_field_id_for_name(lang, n, static_cast<uint32_t>(strlen(n))); };
    module = sym("module");
    block = sym("block");
    identifier = sym("identifier");
    keyword_identifier = sym("keyword_identifier");
    import_statement = sym("import_statement");
    future_import_statement = sym("future_import_statement");
    import_from_statement = sym("import_from_statement");
    aliased_import = sym("aliased_import");
    dotted_name = sym("dotted_name");
    wildcard_import = sym("wildcard_import");
    relative_import = sym("relative_import");
    function_definition = sym("function_definition");
    class_definition = sym("class_definition");
    decorated_definition = sym("decorated_definition");
    decorator = sym("decorator");
    assignment = sym("assignment");
    augmented_assignment = sym("augmented_assignment");
    named_expression = sym("named_expression");
    for_statement = sym("for_statement");
    if_statement = sym("if_statement");
    elif_clause = sym("elif_clause");
    else_clause = sym("else_clause");
    try_statement = sym("try_statement");
    except_clause = sym("except_clause");
    finally_clause = sym("finally_clause");
    with_statement = sym("with_statement");
    with_item = sym("with_item");
    as_pattern = sym("as_pattern");
    as_pattern_target = sym("as_pattern_target");
    global_statement = sym("global_statement");
    nonlocal_statement = sym("nonlocal_statement");
    delete_statement = sym("delete_statement");
    lambda = sym("lambda");
    list_comprehension = sym("list_comprehension");
    set_comprehension = sym("set_comprehension");
    dictionary_comprehension = sym("dictionary_comprehension");
    generator_expression = sym("generator_expression");
    for_in_clause = sym("for_in_clause");
    if_clause = sym("if_clause");
    call = sym("call");
    attribute = sym("attribute");
    keyword_argument = sym("keyword_argument");
    type = sym("type");
    string = sym("string");
    string_content = sym("string_content");
    interpolation = sym("interpolation");
    subscript = sym("subscript");
    match_statement = sym("match_statement");
    case_clause = sym("case_clause");
    case_pattern = sym("case_pattern");
    class_pattern = sym("class_pattern");
    keyword_pattern = sym("keyword_pattern");
    splat_pattern = sym("splat_pattern");
    pattern_list = sym("pattern_list");
    tuple_pattern = sym("tuple_pattern");
    list_pattern = sym("list_pattern");
    expression_list = sym("expression_list");
    tuple = sym("tuple");
    list = sym("list");
    list_splat_pattern = sym("list_splat_pattern");
    list_splat = sym("list_splat");
    dictionary_splat_pattern = sym("dictionary_splat_pattern");
    parenthesized_expression = sym("parenthesized_expression");
    typed_parameter = sym("typed_parameter");
    default_parameter = sym("default_parameter");
    typed_default_parameter = sym("typed_default_parameter");
    parameters = sym("parameters");
    lambda_parameters = sym("lambda_parameters");
    comment = sym("comment");
    type_alias_statement = sym("type_alias_statement");
    concatenated_string = sym("concatenated_string");
    expression_statement = sym("expression_statement");
    union_pattern = sym("union_pattern");
    dict_pattern = sym("dict_pattern");
    generic_type = sym("generic_type");
    type_parameter = sym("type_parameter");
    f_name = fld("name");
    f_alias = fld("alias");
    f_module_name = fld("module_name");
    f_body = fld("body");
    f_parameters = fld("parameters");
    f_return_type = fld("return_type");
    f_superclasses = fld("superclasses");
    f_left = fld("left");
    f_right = fld("right");
    f_type = fld("type");
    f_value = fld("value");
    f_condition = fld("condition");
    f_consequence = fld("consequence");
    f_alternative = fld("alternative");
    f_definition = fld("definition");
    f_function = fld("function");
    f_arguments = fld("arguments");
    f_object = fld("object");
    f_subject = fld("subject");
    f_guard = fld("guard");
    f_type_parameters = fld("type_parameters");
  }
};

const Grammar& grammar() {
  static const Grammar g;
  return g;
}

constexpr std::string_view k_builtins[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
    "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
    "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
    "EnvironmentError", "Exception", "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError",
    "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning",
    "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt",
    "LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented",
    "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError",
    "ProcessLookupError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
    "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError",
    "TimeoutError", "True", "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError",
    "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning", "WindowsError",
    "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__", "__loader__", "__name__",
    "__package__", "__spec__", "__file__", "__builtins__", "__annotations__", "__cached__", "__dict__", "abs", "aiter",
    "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
    "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate",
    "eval", "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help",
    "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max",
    "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr",
    "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type",
    "vars", "zip", "PythonFinalizationError", "_IncompleteInputError"};

constexpr std::array<std::string_view, 15> k_ipython_builtins = {
    "display", "get_ipython", "__IPYTHON__", "In", "Out", "_", "__", "___", "_i", "_ii", "_iii", "_ih", "_oh", "_dh", "exit"};

bool is_sorted_member(std::string_view name) {
  return std::find(std::begin(k_builtins), std::end(k_builtins), name) != std::end(k_builtins);
}

using Forks = std::vector<std::pair<uint32_t, uint16_t>>;

class Analyzer {
 public:
  Analyzer(const std::vector<UnitTree>& units, bool notebook) : m_units(units), m_notebook(notebook), g(grammar()) {}
  ~Analyzer() {
    for (TSTreeCursor& c : m_cursors) {
      ts_tree_cursor_delete(&c);
    }
  }
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  Model run() {
    m_model.scopes.push_back(Scope{});
    m_stack.push_back(0);
    for (uint32_t u = 0; u < m_units.size(); ++u) {
      set_unit(u);
      visit(ts_tree_root_node(m_units[u].tree));
    }
    // Function bodies and string annotations see the module as it is at the end.
    while (!m_deferred.empty()) {
      Deferred d = std::move(m_deferred.front());
      m_deferred.pop_front();
      set_unit(d.unit);
      m_stack = d.stack;
      m_forks = d.forks;
      m_name_error_depth = d.name_error_depth;
      if (d.annotation) {
        visit_string_annotation(d.node);
      } else {
        run_function(d.node);
      }
    }
    // __all__ marks names as used.
    for (const auto& name : m_all_names) {
      auto it = m_model.scopes[0].names.find(name);
      if (it != m_model.scopes[0].names.end()) {
        m_model.bindings[static_cast<size_t>(it->second)].used = true;
      }
    }
    return std::move(m_model);
  }

 private:
  struct Deferred {
    TSNode node;
    uint32_t unit;
    std::vector<int> stack;
    Forks forks;
    int name_error_depth;
    bool annotation;
  };

  const std::vector<UnitTree>& m_units;
  bool m_notebook;
  const Grammar& g;
  Model m_model;
  std::vector<int> m_stack;
  Forks m_forks;
  uint32_t m_next_fork = 0;
  int m_name_error_depth = 0;
  int m_import_error_depth = 0;
  int m_annotation_depth = 0;
  bool m_in_string_annotation = false;  // nested string annotations are not followed
  std::deque<Deferred> m_deferred;
  std::vector<std::string> m_all_names;
  // for_children()'s cursors, one per nesting depth, kept so that walking a node's children
  // does not allocate a cursor stack each time (a deque: references survive growth).
  std::deque<TSTreeCursor> m_cursors;
  size_t m_cursor_depth = 0;
  uint32_t m_unit = 0;
  std::string_view m_src;  // text the current nodes index into
  uint32_t m_base = 0;     // offset of m_src in the unit's text

  void set_unit(uint32_t u) {
    m_unit = u;
    m_src = m_units[u].unit->text;
    m_base = 0;
  }

  std::string_view text(TSNode n) const {
    uint32_t s = ts_node_start_byte(n);
    uint32_t e = ts_node_end_byte(n);
    if (e > m_src.size() || s > e) {
      return {};
    }
    return m_src.substr(s, e - s);
  }
  Loc loc(TSNode n) const { return Loc{m_unit, m_base + ts_node_start_byte(n), m_base + ts_node_end_byte(n)}; }
  Scope& scope() { return m_model.scopes[static_cast<size_t>(m_stack.back())]; }

  static TSNode field(TSNode n, TSFieldId f) { return ts_node_child_by_field_id(n, f); }

  template <typename Fn>
  void for_children(TSNode n, Fn&& fn) {
    uint32_t count = ts_node_child_count(n);
    if (count == 0) {
      return;
    }
    const size_t depth = m_cursor_depth;
    if (depth == m_cursors.size()) {
      m_cursors.push_back(ts_tree_cursor_new(n));
    } else {
      ts_tree_cursor_reset(&m_cursors[depth], n);
    }
    TSTreeCursor& c = m_cursors[depth];
    struct Leave {
      size_t& depth;
      ~Leave() { --depth; }
    } leave{++m_cursor_depth};
    if (ts_tree_cursor_goto_first_child(&c)) {
      do {
        fn(ts_tree_cursor_current_node(&c), ts_tree_cursor_current_field_id(&c));
      } while (ts_tree_cursor_goto_next_sibling(&c));
    }
  }

  void visit_children(TSNode n) {
    for_children(n, [&](TSNode c, TSFieldId) {
      if (ts_node_is_named(c)) {
        visit(c);
      }
    });
  }

  void push_scope(ScopeKind kind) {
    Scope s;
    s.kind = kind;
    s.parent = m_stack.back();
    m_model.scopes.push_back(std::move(s));
    m_stack.push_back(static_cast<int>(m_model.scopes.size() - 1));
  }

  int add_binding(std::string name, BindingKind kind, Loc where, int scope_index = -1) {
    if (scope_index < 0) {
      scope_index = m_stack.back();
      // Walrus targets in comprehensions bind in the enclosing non-comprehension scope.
      if (kind == BindingKind::named_expr) {
        for (size_t i = m_stack.size(); i-- > 0;) {
          if (m_model.scopes[static_cast<size_t>(m_stack[i])].kind != ScopeKind::comprehension) {
            scope_index = m_stack[i];
            break;
          }
        }
      }
    }
    Scope* s = &m_model.scopes[static_cast<size_t>(scope_index)];
    bool declared_global = s->globals.contains(name) && kind != BindingKind::global;
    if (declared_global) {
      scope_index = 0;
      s = &m_model.scopes[0];
    }
    Binding b;
    b.name = std::move(name);
    b.kind = kind;
    b.loc = where;
    b.scope = scope_index;
    b.forks = m_forks;
    b.used = declared_global;
    b.in_import_error_try = m_import_error_depth > 0;
    int index = static_cast<int>(m_model.bindings.size());
    auto it = s->names.find(b.name);
    if (it != s->names.end()) {
      // As ruff does, a rebinding inherits the uses of the binding it shadows (loop-carried
      // variables: `prev = x` read on the next iteration).
      const Binding& old = m_model.bindings[static_cast<size_t>(it->second)];
      b.used = b.used || (old.used && old.kind != BindingKind::except_handler);
      m_model.shadowings.push_back(Shadowing{it->second, index});
      it->second = index;
    } else {
      s->names.emplace(b.name, index);
    }
    m_model.bindings.push_back(std::move(b));
    return index;
  }

  bool builtin(std::string_view name) const {
    if (is_builtin(name, m_notebook)) {
      return true;
    }
    if (name == "__class__") {
      for (int si : m_stack) {
        if (m_model.scopes[static_cast<size_t>(si)].kind == ScopeKind::class_def) {
          return true;
        }
      }
    }
    if ((name == "__module__" || name == "__qualname__") &&
        m_model.scopes[static_cast<size_t>(m_stack.back())].kind == ScopeKind::class_def) {
      return true;
    }
    return false;
  }

  void resolved(const Loc& where, int binding) {
    m_model.references[(static_cast<uint64_t>(where.unit) << 32) | where.start] = binding;
  }

  void load(std::string_view name, Loc where) {
    for (size_t i = m_stack.size(); i-- > 0;) {
      Scope& s = m_model.scopes[static_cast<size_t>(m_stack[i])];
      if (s.kind == ScopeKind::class_def && i + 1 != m_stack.size()) {
        continue;
      }
      auto it = s.names.find(std::string(name));
      if (it != s.names.end()) {
        Binding& b = m_model.bindings[static_cast<size_t>(it->second)];
        if (b.kind == BindingKind::annotation) {
          continue;
        }
        b.used = true;
        resolved(where, it->second);
        return;
      }
    }
    if (builtin(name)) {
      resolved(where, Model::k_builtin);
      return;
    }
    resolved(where, Model::k_unresolved);
    bool star = false;
    for (int si : m_stack) {
      Scope& s = m_model.scopes[static_cast<size_t>(si)];
      if (s.star_import) {
        star = true;
        for (auto& b : m_model.bindings) {
          if (b.kind == BindingKind::star_import && b.scope == si) {
            b.used = true;
          }
        }
      }
    }
    if (star) {
      m_model.unresolved.push_back(Unresolved{std::string(name), where, true});
      return;
    }
    if (m_name_error_depth > 0) {
      return;
    }
    m_model.unresolved.push_back(Unresolved{std::string(name), where, false});
  }

  bool is_name(TSNode n) const {
    TSSymbol s = ts_node_symbol(n);
    return s == g.identifier || s == g.keyword_identifier;
  }

  void visit(TSNode n) {
    TSSymbol s = ts_node_symbol(n);
    if (s == g.identifier || s == g.keyword_identifier) {
      load(text(n), loc(n));
    } else if (s == g.import_statement || s == g.future_import_statement || s == g.import_from_statement) {
      visit_import(n);
    } else if (s == g.function_definition) {
      visit_function(n, false);
    } else if (s == g.decorated_definition) {
      bool overload = false;
      for_children(n, [&](TSNode c, TSFieldId) {
        if (ts_node_symbol(c) == g.decorator) {
          std::string_view t = text(c);
          overload = overload || t == "@overload" || t.ends_with(".overload");
          visit_children(c);
        }
      });
      TSNode def = field(n, g.f_definition);
      if (!ts_node_is_null(def)) {
        if (ts_node_symbol(def) == g.function_definition) {
          visit_function(def, overload);
        } else {
          visit(def);
        }
      }
    } else if (s == g.class_definition) {
      visit_class(n);
    } else if (s == g.assignment) {
      visit_assignment(n);
    } else if (s == g.augmented_assignment) {
      visit(field(n, g.f_right));
      TSNode left = field(n, g.f_left);
      if (is_name(left)) {
        load(text(left), loc(left));
        int b = add_binding(std::string(text(left)), BindingKind::aug_assignment, loc(left));
        if (scope().kind == ScopeKind::module && text(left) == "__all__") {
          collect_all(field(n, g.f_right));
        }
        (void)b;
      } else {
        visit(left);
      }
    } else if (s == g.named_expression) {
      visit(field(n, g.f_value));
      TSNode name = field(n, g.f_name);
      add_binding(std::string(text(name)), BindingKind::named_expr, loc(name));
    } else if (s == g.for_statement) {
      visit(field(n, g.f_right));
      bind_target(field(n, g.f_left), BindingKind::loop_var, false);
      visit_opt(field(n, g.f_body));
      visit_opt(field(n, g.f_alternative));
    } else if (s == g.if_statement) {
      visit_if(n);
    } else if (s == g.try_statement) {
      visit_try(n);
    } else if (s == g.with_statement) {
      visit_with(n);
    } else if (s == g.global_statement || s == g.nonlocal_statement) {
      for_children(n, [&](TSNode c, TSFieldId) {
        if (is_name(c)) {
          std::string name(text(c));
          scope().globals.insert(name);
          if (s == g.global_statement && m_stack.back() != 0) {
            int b = add_binding(name, BindingKind::global, loc(c), 0);
            m_model.bindings[static_cast<size_t>(b)].used = true;
          }
        }
      });
    } else if (s == g.delete_statement) {
      visit_delete(n);
    } else if (s == g.lambda) {
      visit_parameter_defaults(field(n, g.f_parameters));
      defer(n);
    } else if (s == g.list_comprehension || s == g.set_comprehension || s == g.dictionary_comprehension ||
               s == g.generator_expression) {
      visit_comprehension(n);
    } else if (s == g.call) {
      TSNode fn = field(n, g.f_function);
      if (is_name(fn) && text(fn) == "locals") {
        scope().uses_locals = true;
      }
      visit(fn);
      visit_opt(field(n, g.f_arguments));
    } else if (s == g.attribute) {
      visit(field(n, g.f_object));
    } else if (s == g.keyword_argument) {
      visit_opt(field(n, g.f_value));
    } else if (s == g.type) {
      ++m_annotation_depth;
      visit_children(n);
      --m_annotation_depth;
    } else if (s == g.string) {
      if (m_annotation_depth > 0) {
        if (!m_in_string_annotation) {
          defer_string_annotation(n);
        }
      } else {
        visit_children(n);
      }
    } else if (s == g.subscript && m_annotation_depth > 0) {
      visit_annotation_subscript(n);
    } else if (s == g.generic_type && m_annotation_depth > 0) {
      visit_generic_type(n);
    } else if (s == g.match_statement) {
      visit_match(n);
    } else if (s == g.type_alias_statement) {
      TSNode left = field(n, g.f_left);
      visit_opt(field(n, g.f_right));
      if (!ts_node_is_null(left) && ts_node_named_child_count(left) > 0 && is_name(ts_node_named_child(left, 0))) {
        TSNode name = ts_node_named_child(left, 0);
        add_binding(std::string(text(name)), BindingKind::type_alias, loc(name));
      }
    } else if (s == g.keyword_pattern || s == g.case_pattern) {
      visit_pattern(n);
    } else if (s == g.comment || s == g.string_content || s == g.dotted_name) {
      // no names read
    } else {
      visit_children(n);
    }
  }

  void visit_opt(TSNode n) {
    if (!ts_node_is_null(n)) {
      visit(n);
    }
  }

  void visit_import(TSNode n) {
    TSSymbol s = ts_node_symbol(n);
    std::string module;
    if (s == g.import_from_statement) {
      module = std::string(text(field(n, g.f_module_name)));
    }
    const bool future = s == g.future_import_statement;
    bool star = false;
    for_children(n, [&](TSNode c, TSFieldId f) {
      if (ts_node_symbol(c) == g.wildcard_import) {
        star = true;
        return;
      }
      if (f != g.f_name) {
        return;
      }
      TSSymbol cs = ts_node_symbol(c);
      std::string bound;
      std::string qualified;
      Loc where = loc(c);
      bool redundant = false;
      BindingKind kind = BindingKind::import;
      if (cs == g.aliased_import) {
        TSNode name = field(c, g.f_name);
        TSNode alias = field(c, g.f_alias);
        bound = std::string(text(alias));
        qualified = std::string(text(name));
        where = loc(alias);
        redundant = bound == qualified;
      } else {
        std::string_view full = text(c);
        qualified = std::string(full);
        size_t dot = full.find('.');
        bound = std::string(full.substr(0, dot));
        if (dot != std::string_view::npos && s == g.import_statement) {
          kind = BindingKind::submodule_import;
        }
      }
      if (future) {
        kind = BindingKind::future_import;
      } else if (s == g.import_from_statement) {
        kind = BindingKind::from_import;
        qualified = module.ends_with('.') ? module + qualified : module + "." + qualified;
      }
      int b = add_binding(bound, kind, where);
      Binding& binding = m_model.bindings[static_cast<size_t>(b)];
      binding.qualified = std::move(qualified);
      binding.redundant_alias = redundant;
    });
    if (star) {
      scope().star_import = true;
      m_model.star_imports.push_back(loc(n));
      m_model.star_modules.push_back(module);
      int b = add_binding(module + ".*", BindingKind::star_import, loc(n));
      m_model.bindings[static_cast<size_t>(b)].qualified = module + ".*";
    }
  }

  // Defaults and annotations are evaluated where the function is defined.
  void visit_parameter_defaults(TSNode params) {
    if (ts_node_is_null(params)) {
      return;
    }
    for_children(params, [&](TSNode p, TSFieldId) {
      TSSymbol ps = ts_node_symbol(p);
      if (ps == g.default_parameter || ps == g.typed_default_parameter) {
        visit_opt(field(p, g.f_value));
      }
      if (ps == g.typed_parameter || ps == g.typed_default_parameter) {
        visit_opt(field(p, g.f_type));
      }
    });
  }

  void defer(TSNode n) {
    m_deferred.push_back(Deferred{n, m_unit, m_stack, m_forks, m_name_error_depth, false});
  }

  // PEP 695 type parameters (`def f[T](x: T)`, `class C[T]`) live in their own scope
  // around the annotations and the body. Returns whether a scope was pushed.
  bool push_type_params(TSNode n) {
    TSNode params = field(n, g.f_type_parameters);
    if (ts_node_is_null(params)) {
      return false;
    }
    push_scope(ScopeKind::type_params);
    for_children(params, [&](TSNode t, TSFieldId) {
      if (!ts_node_is_named(t)) {
        return;
      }
      TSNode name = t;
      while (!ts_node_is_null(name) && !is_name(name) && ts_node_named_child_count(name) > 0) {
        name = ts_node_named_child(name, 0);
      }
      if (!ts_node_is_null(name) && is_name(name)) {
        int b = add_binding(std::string(text(name)), BindingKind::type_alias, loc(name));
        m_model.bindings[static_cast<size_t>(b)].used = true;
      }
    });
    return true;
  }

  void visit_function(TSNode n, bool overload) {
    bool type_params = push_type_params(n);
    visit_parameter_defaults(field(n, g.f_parameters));
    visit_opt(field(n, g.f_return_type));
    std::vector<int> stack = m_stack;
    if (type_params) {
      m_stack.pop_back();
    }
    TSNode name = field(n, g.f_name);
    int b = add_binding(std::string(text(name)), BindingKind::function, loc(name));
    m_model.bindings[static_cast<size_t>(b)].overload = overload;
    declare_globals(field(n, g.f_body));
    m_deferred.push_back(Deferred{n, m_unit, std::move(stack), m_forks, m_name_error_depth, false});
  }

  void bind_parameters(TSNode params) {
    if (ts_node_is_null(params)) {
      return;
    }
    for_children(params, [&](TSNode p, TSFieldId) {
      TSSymbol ps = ts_node_symbol(p);
      TSNode name{};
      if (is_name(p)) {
        name = p;
      } else if (ps == g.default_parameter || ps == g.typed_default_parameter) {
        name = field(p, g.f_name);
      } else if (ps == g.typed_parameter || ps == g.list_splat_pattern || ps == g.dictionary_splat_pattern) {
        TSNode inner = ts_node_named_child(p, 0);
        if (!ts_node_is_null(inner) && (ts_node_symbol(inner) == g.list_splat_pattern ||
                                        ts_node_symbol(inner) == g.dictionary_splat_pattern)) {
          inner = ts_node_named_child(inner, 0);
        }
        name = inner;
      } else if (ps == g.tuple_pattern) {
        bind_target(p, BindingKind::parameter, false);
        return;
      }
      if (!ts_node_is_null(name) && is_name(name)) {
        add_binding(std::string(text(name)), BindingKind::parameter, loc(name));
      } else if (!ts_node_is_null(name) && ts_node_symbol(name) == g.tuple_pattern) {
        bind_target(name, BindingKind::parameter, false);
      }
    });
  }

  void run_function(TSNode n) {
    bool is_lambda = ts_node_symbol(n) == g.lambda;
    push_scope(is_lambda ? ScopeKind::lambda : ScopeKind::function);
    bind_parameters(field(n, g.f_parameters));
    visit_opt(field(n, g.f_body));
    m_stack.pop_back();
  }

  void visit_class(TSNode n) {
    bool type_params = push_type_params(n);
    visit_opt(field(n, g.f_superclasses));
    push_scope(ScopeKind::class_def);
    visit_opt(field(n, g.f_body));
    m_stack.pop_back();
    if (type_params) {
      m_stack.pop_back();
    }
    TSNode name = field(n, g.f_name);
    add_binding(std::string(text(name)), BindingKind::class_def, loc(name));
  }

  bool is_sequence(TSNode n) const {
    TSSymbol s = ts_node_symbol(n);
    return s == g.pattern_list || s == g.tuple_pattern || s == g.list_pattern || s == g.expression_list ||
           s == g.tuple || s == g.list;
  }

  void bind_target(TSNode n, BindingKind kind, bool unpacked, bool literal = false) {
    if (ts_node_is_null(n)) {
      return;
    }
    TSSymbol s = ts_node_symbol(n);
    if (is_name(n)) {
      int b = add_binding(std::string(text(n)), kind, loc(n));
      m_model.bindings[static_cast<size_t>(b)].unpacked = unpacked;
      m_model.bindings[static_cast<size_t>(b)].unpacked_literal = literal;
    } else if (is_sequence(n)) {
      for_children(n, [&](TSNode c, TSFieldId) {
        if (ts_node_is_named(c)) {
          bind_target(c, kind, true, literal);
        }
      });
    } else if (s == g.list_splat_pattern || s == g.list_splat || s == g.parenthesized_expression) {
      for_children(n, [&](TSNode c, TSFieldId) {
        if (ts_node_is_named(c)) {
          bind_target(c, kind, unpacked || s != g.parenthesized_expression, literal);
        }
      });
    } else {
      visit(n);
    }
  }

  void collect_all(TSNode value) {
    if (ts_node_is_null(value)) {
      return;
    }
    TSSymbol s = ts_node_symbol(value);
    if (s == g.list || s == g.tuple || s == g.expression_list) {
      for_children(value, [&](TSNode c, TSFieldId) {
        if (ts_node_symbol(c) == g.string) {
          for_children(c, [&](TSNode part, TSFieldId) {
            if (ts_node_symbol(part) == g.string_content) {
              m_all_names.emplace_back(text(part));
            }
          });
        }
      });
    }
  }

  void visit_assignment(TSNode n) {
    TSNode left = field(n, g.f_left);
    TSNode right = field(n, g.f_right);
    TSNode type = field(n, g.f_type);
    visit_opt(right);
    visit_opt(type);
    if (ts_node_is_null(right)) {
      if (is_name(left)) {
        add_binding(std::string(text(left)), BindingKind::annotation, loc(left));
      } else {
        visit_opt(left);
      }
      return;
    }
    if (scope().kind == ScopeKind::module && is_name(left) && text(left) == "__all__") {
      collect_all(right);
    }
    // The value of a chained assignment `a = b = v` is the innermost right side.
    TSNode value = right;
    while (ts_node_symbol(value) == g.assignment && !ts_node_is_null(field(value, g.f_right))) {
      value = field(value, g.f_right);
    }
    bool literal = is_sequence(left) && is_sequence(value);
    bind_target(left, BindingKind::assignment, false, literal);
  }

  uint32_t new_fork() { return m_next_fork++; }

  void visit_if(TSNode n) {
    visit_opt(field(n, g.f_condition));
    uint32_t fork = new_fork();
    uint16_t branch = 0;
    m_forks.emplace_back(fork, branch);
    visit_opt(field(n, g.f_consequence));
    m_forks.pop_back();
    for_children(n, [&](TSNode c, TSFieldId f) {
      if (f != g.f_alternative) {
        return;
      }
      ++branch;
      if (ts_node_symbol(c) == g.elif_clause) {
        visit_opt(field(c, g.f_condition));
        m_forks.emplace_back(fork, branch);
        visit_opt(field(c, g.f_consequence));
      } else {
        m_forks.emplace_back(fork, branch);
        visit_opt(field(c, g.f_body));
      }
      m_forks.pop_back();
    });
  }

  // Does an except clause catch `name` (alone or in a tuple)?
  bool catches(TSNode clause, std::string_view name) {
    bool found = false;
    for_children(clause, [&](TSNode c, TSFieldId f) {
      if (f != g.f_value) {
        return;
      }
      std::string_view t = text(c);
      if (is_name(c) ? t == name : (t.find(name) != std::string_view::npos && ts_node_symbol(c) == g.tuple)) {
        found = true;
      }
    });
    return found;
  }

  void visit_try(TSNode n) {
    bool name_error = false;
    bool import_error = false;
    for_children(n, [&](TSNode c, TSFieldId) {
      if (ts_node_symbol(c) == g.except_clause) {
        name_error = name_error || catches(c, "NameError");
        import_error = import_error || catches(c, "ImportError") || catches(c, "ModuleNotFoundError");
      }
    });
    uint32_t fork = new_fork();
    uint16_t branch = 0;
    m_forks.emplace_back(fork, 0);
    m_name_error_depth += name_error ? 1 : 0;
    m_import_error_depth += import_error ? 1 : 0;
    visit_opt(field(n, g.f_body));
    m_name_error_depth -= name_error ? 1 : 0;
    m_import_error_depth -= import_error ? 1 : 0;
    m_forks.pop_back();
    for_children(n, [&](TSNode c, TSFieldId) {
      TSSymbol cs = ts_node_symbol(c);
      if (cs == g.except_clause) {
        m_forks.emplace_back(fork, ++branch);
        visit_except(c);
        m_forks.pop_back();
      } else if (cs == g.else_clause) {
        m_forks.emplace_back(fork, 0);
        visit_opt(field(c, g.f_body));
        m_forks.pop_back();
      } else if (cs == g.finally_clause) {
        visit_children(c);
      }
    });
  }

  void visit_except(TSNode n) {
    TSNode alias{};
    for_children(n, [&](TSNode c, TSFieldId f) {
      if (f == g.f_value && ts_node_symbol(c) == g.as_pattern) {
        // `except E as e` parses as an as_pattern in the value field.
        visit(ts_node_named_child(c, 0));
        TSNode target = field(c, g.f_alias);
        if (!ts_node_is_null(target) && ts_node_named_child_count(target) > 0) {
          alias = ts_node_named_child(target, 0);
        }
      } else if (f == g.f_value) {
        visit(c);
      } else if (f == g.f_alias) {
        alias = c;
      }
    });
    int b = -1;
    int previous = -1;
    std::string name;
    if (!ts_node_is_null(alias) && is_name(alias)) {
      name = std::string(text(alias));
      auto it = scope().names.find(name);
      previous = it == scope().names.end() ? -1 : it->second;
      b = add_binding(name, BindingKind::except_handler, loc(alias));
      (void)previous;
    }
    for_children(n, [&](TSNode c, TSFieldId f) {
      if (ts_node_is_named(c) && f != g.f_value && f != g.f_alias) {
        visit(c);
      }
    });
    if (b >= 0) {
      const Binding& binding = m_model.bindings[static_cast<size_t>(b)];
      Scope& s = m_model.scopes[static_cast<size_t>(binding.scope)];
      if (!binding.used && !s.uses_locals) {
        m_model.unused_exception_names.push_back(b);
      }
      // Python deletes the name when the handler ends, whatever it was bound to before.
      auto it = s.names.find(name);
      if (it != s.names.end() && it->second == b) {
        s.names.erase(it);
      }
    }
  }

  void visit_with(TSNode n) {
    for_children(n, [&](TSNode clause, TSFieldId f) {
      if (f == g.f_body || !ts_node_is_named(clause)) {
        return;
      }
      for_children(clause, [&](TSNode item, TSFieldId) {
        if (ts_node_symbol(item) != g.with_item) {
          return;
        }
        TSNode value = field(item, g.f_value);
        if (!ts_node_is_null(value) && ts_node_symbol(value) == g.as_pattern) {
          visit(ts_node_named_child(value, 0));
          TSNode target = field(value, g.f_alias);
          if (!ts_node_is_null(target) && ts_node_named_child_count(target) > 0) {
            bind_target(ts_node_named_child(target, 0), BindingKind::with_item, false);
          }
        } else {
          visit_opt(value);
        }
      });
    });
    visit_opt(field(n, g.f_body));
  }

  void visit_delete(TSNode n) {
    for_children(n, [&](TSNode c, TSFieldId) {
      if (!ts_node_is_named(c)) {
        return;
      }
      std::vector<TSNode> targets;
      if (is_sequence(c)) {
        for_children(c, [&](TSNode t, TSFieldId) {
          if (ts_node_is_named(t)) {
            targets.push_back(t);
          }
        });
      } else {
        targets.push_back(c);
      }
      for (TSNode t : targets) {
        if (!is_name(t)) {
          visit(t);
          continue;
        }
        std::string name(text(t));
        Scope& s = scope();
        auto it = s.names.find(name);
        if (it != s.names.end()) {
          m_model.bindings[static_cast<size_t>(it->second)].used = true;
          if (m_forks.empty()) {
            s.names.erase(it);
          }
        } else {
          load(name, loc(t));
        }
      }
    });
  }

  void visit_comprehension(TSNode n) {
    std::vector<TSNode> clauses;
    TSNode body = field(n, g.f_body);
    for_children(n, [&](TSNode c, TSFieldId f) {
      if (ts_node_is_named(c) && f != g.f_body &&
          (ts_node_symbol(c) == g.for_in_clause || ts_node_symbol(c) == g.if_clause)) {
        clauses.push_back(c);
      }
    });
    bool first = true;
    for (TSNode c : clauses) {
      if (ts_node_symbol(c) == g.for_in_clause) {
        if (first) {
          visit_opt(field(c, g.f_right));
          push_scope(ScopeKind::comprehension);
        } else {
          visit_opt(field(c, g.f_right));
        }
        bind_target(field(c, g.f_left), BindingKind::comprehension_var, false);
        first = false;
      } else {
        visit_children(c);
      }
    }
    if (first) {
      push_scope(ScopeKind::comprehension);
    }
    visit_opt(body);
    m_stack.pop_back();
  }

  void visit_match(TSNode n) {
    for_children(n, [&](TSNode c, TSFieldId f) {
      if (f == g.f_subject) {
        visit(c);
      }
    });
    uint32_t fork = new_fork();
    uint16_t branch = 0;
    TSNode body = field(n, g.f_body);
    if (ts_node_is_null(body)) {
      return;
    }
    for_children(body, [&](TSNode clause, TSFieldId) {
      if (ts_node_symbol(clause) != g.case_clause) {
        return;
      }
      m_forks.emplace_back(fork, branch++);
      for_children(clause, [&](TSNode c, TSFieldId) {
        if (ts_node_is_named(c)) {
          if (ts_node_symbol(c) == g.case_pattern) {
            visit_pattern(c);
          } else {
            visit(c);
          }
        }
      });
      m_forks.pop_back();
    });
  }

  void visit_pattern(TSNode n) {
    TSSymbol s = ts_node_symbol(n);
    if (is_name(n)) {
      if (text(n) != "_") {
        add_binding(std::string(text(n)), BindingKind::match_capture, loc(n));
      }
    } else if (s == g.dotted_name) {
      if (ts_node_named_child_count(n) == 1) {
        visit_pattern(ts_node_named_child(n, 0));  // a capture pattern
      } else {
        TSNode first = ts_node_named_child(n, 0);
        load(text(first), loc(first));  // a value pattern: Color.RED
      }
    } else if (s == g.class_pattern) {
      bool first = true;
      for_children(n, [&](TSNode c, TSFieldId) {
        if (!ts_node_is_named(c)) {
          return;
        }
        if (first && ts_node_symbol(c) == g.dotted_name) {
          TSNode head = ts_node_named_child(c, 0);
          load(text(head), loc(head));
        } else {
          visit_pattern(c);
        }
        first = false;
      });
    } else if (s == g.keyword_pattern) {
      bool first = true;
      for_children(n, [&](TSNode c, TSFieldId) {
        if (ts_node_is_named(c)) {
          if (!first) {
            visit_pattern(c);
          }
          first = false;
        }
      });
    } else if (s == g.dict_pattern) {
      for_children(n, [&](TSNode c, TSFieldId f) {
        if (!ts_node_is_named(c)) {
          return;
        }
        if (f == g.f_value || ts_node_symbol(c) == g.splat_pattern) {
          visit_pattern(c);
        } else if (ts_node_symbol(c) == g.dotted_name && ts_node_named_child_count(c) > 1) {
          TSNode head = ts_node_named_child(c, 0);
          load(text(head), loc(head));
        }
      });
    } else if (s == g.string || s == g.concatenated_string) {
      // literal patterns read nothing
    } else {
      for_children(n, [&](TSNode c, TSFieldId) {
        if (ts_node_is_named(c)) {
          visit_pattern(c);
        }
      });
    }
  }

  // Inside annotations, `Literal[...]` holds values, not names; `Annotated[T, x]` only T.
  void visit_annotation_subscript(TSNode n) {
    TSNode value = field(n, g.f_value);
    std::string_view head = ts_node_is_null(value) ? std::string_view() : text(value);
    visit_opt(value);
    bool literal = head == "Literal" || head.ends_with(".Literal");
    bool annotated = head == "Annotated" || head.ends_with(".Annotated");
    bool first = true;
    for_children(n, [&](TSNode c, TSFieldId f) {
      if (f != g.f_value && ts_node_is_named(c) && !ts_node_eq(c, value)) {
        if (literal || (annotated && !first)) {
          --m_annotation_depth;
          if (!literal) {
            visit(c);
          }
          ++m_annotation_depth;
        } else {
          visit(c);
        }
        first = false;
      }
    });
  }

  // `Literal["a"]` and `Annotated[T, "meta"]` parse as generic types inside annotations.
  void visit_generic_type(TSNode n) {
    std::string_view head;
    for_children(n, [&](TSNode c, TSFieldId) {
      if (!ts_node_is_named(c)) {
        return;
      }
      if (ts_node_symbol(c) != g.type_parameter) {
        head = text(c);
        visit(c);
        return;
      }
      bool literal = head == "Literal" || head.ends_with(".Literal");
      bool annotated = head == "Annotated" || head.ends_with(".Annotated");
      if (literal) {
        return;
      }
      bool first = true;
      for_children(c, [&](TSNode t, TSFieldId) {
        if (!ts_node_is_named(t)) {
          return;
        }
        if (annotated && !first) {
          int saved = m_annotation_depth;
          m_annotation_depth = 0;
          visit(t);
          m_annotation_depth = saved;
        } else {
          visit(t);
        }
        first = false;
      });
    });
  }

  // `global x` inside a function binds x in the module as soon as the function exists
  // (as ruff does), so module code after the definition may read it.
  void declare_globals(TSNode body) {
    if (ts_node_is_null(body)) {
      return;
    }
    for_children(body, [&](TSNode c, TSFieldId) {
      TSSymbol s = ts_node_symbol(c);
      if (s == g.function_definition || s == g.class_definition || s == g.decorated_definition || !ts_node_is_named(c)) {
        return;
      }
      if (s == g.global_statement) {
        for_children(c, [&](TSNode name, TSFieldId) {
          if (is_name(name) && !m_model.scopes[0].names.contains(std::string(text(name)))) {
            int b = add_binding(std::string(text(name)), BindingKind::global, loc(name), 0);
            m_model.bindings[static_cast<size_t>(b)].used = true;
          }
        });
        return;
      }
      declare_globals(c);
    });
  }

  void defer_string_annotation(TSNode n) {
    // Only plain strings: no f-strings, no implicit concatenation of several parts.
    std::string_view t = text(n);
    if (t.empty() || (t[0] != '"' && t[0] != '\'')) {
      return;
    }
    TSNode content{};
    int parts = 0;
    for_children(n, [&](TSNode c, TSFieldId) {
      if (ts_node_symbol(c) == g.string_content) {
        content = c;
        ++parts;
      } else if (ts_node_is_named(c) && ts_node_symbol(c) == g.interpolation) {
        parts += 2;
      }
    });
    if (parts != 1) {
      return;
    }
    m_deferred.push_back(Deferred{content, m_unit, m_stack, m_forks, m_name_error_depth, true});
  }

  void visit_string_annotation(TSNode content) {
    uint32_t base = ts_node_start_byte(content);
    std::string_view full = m_src.substr(base, ts_node_end_byte(content) - base);
    python::Tree tree = python::parse(full);
    if (!tree || python::has_error(tree.get())) {
      return;
    }
    std::string_view saved_src = m_src;
    uint32_t saved_base = m_base;
    m_src = full;
    m_base = base;
    ++m_annotation_depth;
    m_in_string_annotation = true;
    visit(ts_tree_root_node(tree.get()));
    m_in_string_annotation = false;
    --m_annotation_depth;
    m_src = saved_src;
    m_base = saved_base;
  }
};

}  // namespace

bool is_builtin(std::string_view name, bool notebook) {
  if (is_sorted_member(name)) {
    return true;
  }
  if (notebook) {
    if (std::find(k_ipython_builtins.begin(), k_ipython_builtins.end(), name) != k_ipython_builtins.end()) {
      return true;
    }
    // _N, _iN: output and input history.
    std::string_view digits = name.starts_with("_i") ? name.substr(2) : name.starts_with("_") ? name.substr(1) : std::string_view();
    return !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  return false;
}

Model analyze(const std::vector<UnitTree>& units, bool notebook) { return Analyzer(units, notebook).run(); }

}  // namespace nbloop::analysis
