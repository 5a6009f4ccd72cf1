// Writes a module's tests from the plan: tests/test_<module>.py (an import test, one test per
// public function and class, the test cells), which depends only on the notebook's code, and
// tests/test_<module>_recorded.py (regression tests asserting the results it recorded).
#include <algorithm>
#include <set>

#include "convert/package/plan.hpp"

namespace nbloop::convert::package {
namespace {

std::string indent_continuation(std::string_view text, std::string_view indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') {
      out += indent;
    }
  }
  return out;
}

// A string expression for `text`: one literal, or implicit concatenation over lines.
std::string string_expression(std::string_view text, std::string_view indent) {
  if (text.find('\n') == std::string_view::npos) {
    return python_string(text);
  }
  std::string out = "(\n";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t end = eol == std::string_view::npos ? text.size() : eol + 1;
    out += std::string(indent) + "    " + python_string(text.substr(pos, end - pos)) + "\n";
    pos = end;
  }
  return out + std::string(indent) + ")";
}

// Ledger -> ledger, MyModel -> my_model, fit_all -> fit_all.
std::string snake_case(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') {
      bool boundary = i > 0 && name[i - 1] != '_' &&
                      (!(name[i - 1] >= 'A' && name[i - 1] <= 'Z') ||
                       (i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z'));
      if (boundary) {
        out += '_';
      }
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

std::string call_text(const Plan& plan, const CallEvidence& e, const std::string& alias) {
  const CodeCell& cc = plan.cells[e.cell];
  std::string_view src = cc.unit.original;
  std::string_view callee = src.substr(e.start, e.callee_end - e.start);
  std::string args(src.substr(e.callee_end, e.end - e.callee_end));
  return alias + "." + std::string(callee) + indent_continuation(args, "    ");
}

// Default reprs (`<Foo object at 0x...>`, `<module ...>`) name objects, not values.
bool stable_result(std::string_view text) {
  return !text.empty() && !text.starts_with("<") && text.find(" at 0x") == std::string_view::npos;
}

bool has_arguments(const Plan& plan, const CallEvidence& e) {
  std::string_view args = std::string_view(plan.cells[e.cell].unit.original).substr(e.callee_end, e.end - e.callee_end);
  return args.find_first_not_of("() \t\n") != std::string_view::npos;
}

}  // namespace

std::string test_source(Plan& plan, ModulePlan& m) {
  const GenerateOptions& o = plan.options;
  const std::string full = o.package.empty() ? m.name : o.package + "." + m.name;
  const size_t dot = full.rfind('.');
  const std::string parent = dot == std::string::npos ? std::string() : full.substr(0, dot);
  const std::string alias = dot == std::string::npos ? full : full.substr(dot + 1);
  bool uses_pytest = false;
  std::string body;

  body += "\n\ndef test_import_has_no_side_effects(capsys):\n";
  body += "    importlib.reload(" + alias + ")\n";
  body += "    captured = capsys.readouterr()\n";
  body += "    assert captured.out == \"\"\n";
  body += "    assert captured.err == \"\"\n";

  // Test functions the notebook's test cells define keep their names; a generated test
  // that would clash takes a suffix.
  std::set<std::string> taken = {"test_import_has_no_side_effects"};
  for (const CodeCell& cc : plan.cells) {
    if (cc.role == Role::test && cc.module == m.name) {
      for (const Stmt& s : cc.stmts) {
        if (s.kind == StmtKind::definition) {
          taken.insert(s.names[0]);
        }
      }
      taken.insert("test_cell_" + std::to_string(cc.cell->index));
    }
  }
  for (const Definition& d : plan.definitions) {
    if (d.module != m.name || !d.exported) {
      continue;
    }
    std::string test_name = "test_" + snake_case(d.name);
    while (taken.contains(test_name)) {
      test_name += "_generated";
    }
    taken.insert(test_name);
    body += "\n\ndef " + test_name + "():\n";
    if (!d.passed.empty()) {
      uses_pytest = true;
      std::string names;
      for (const auto& n : d.passed) {
        names += (names.empty() ? "" : ", ") + n;
      }
      body += "    pytest.skip(" +
              python_string("TODO: call " + d.name + " with typical values for " + names +
                            " (main() computes them)"
                            " and check the result") +
              ")\n";
      continue;
    }
    if (d.reads_main_globals) {
      uses_pytest = true;
      body += "    pytest.skip(" +
              python_string("TODO: " + d.name + " reads module globals that main() sets; set them and check it") +
              ")\n";
      continue;
    }
    // A real call from the notebook; a call without arguments is often a whole procedure
    // (download, train, save) and is left to the scaffold. (Recorded results are not
    // consulted: this file must not change when the notebook is stripped.)
    auto real =
        std::find_if(d.calls.begin(), d.calls.end(), [&](const CallEvidence& e) { return has_arguments(plan, e); });
    if (real != d.calls.end()) {
      const CallEvidence& e = *real;
      body += "    # As called in cell " + std::to_string(plan.cells[e.cell].cell->index) + ".\n";
      if (d.is_class) {
        body += "    assert isinstance(" + call_text(plan, e, alias) + ", " + alias + "." + d.name + ")\n";
      } else {
        body += "    " + call_text(plan, e, alias) + "\n";
      }
      continue;
    }
    uses_pytest = true;
    std::string what = d.is_class
                           ? "TODO: construct " + d.name + " and check its behaviour"
                           : "TODO: call " + d.name + d.signature + " with typical arguments and check the result";
    body += "    pytest.skip(" + python_string(what) + ")\n";
  }

  // Test cells.
  for (const CodeCell& cc : plan.cells) {
    if (cc.role != Role::test || cc.module != m.name || !cc.parsed) {
      continue;
    }
    bool only_tests = std::all_of(cc.stmts.begin(), cc.stmts.end(), [](const Stmt& s) {
      return s.kind == StmtKind::comment || s.kind == StmtKind::import_ ||
             (s.kind == StmtKind::definition && s.names[0].starts_with("test"));
    });
    if (only_tests) {
      for (const Stmt& s : cc.stmts) {
        if (s.kind == StmtKind::definition) {
          body += "\n\n" + statement_text(cc, s.start, s.end, "");
        }
      }
      continue;
    }
    body += "\n\ndef test_cell_" + std::to_string(cc.cell->index) + "():\n";
    bool any = false;
    uint32_t prev_end = 0;
    for (const Stmt& s : cc.stmts) {
      if (s.kind == StmtKind::import_) {
        continue;
      }
      if (any) {
        std::string_view gap = std::string_view(cc.unit.original).substr(prev_end, s.start - prev_end);
        if (std::count(gap.begin(), gap.end(), '\n') >= 2) {
          body += "\n";
        }
      }
      if (s.kind == StmtKind::escape) {
        if (s.escape.kind == EscapeKind::other) {
          body += "    # IPython, not run: " + s.escape_text + "\n";
        }
      } else {
        body += statement_text(cc, s.start, s.end, "    ");
      }
      any = true;
      prev_end = s.end;
    }
    if (!any) {
      body += "    pass\n";
    }
  }

  std::vector<ImportPiece> pieces;
  auto add = [&](std::string module, std::string name) {
    pieces.push_back(plain_import(std::move(module), std::move(name)));
  };
  add("importlib", "");
  if (uses_pytest) {
    add("pytest", "");
  }
  if (parent.empty()) {
    add(alias, "");
  } else {
    add(parent, alias);
  }
  auto tp = plan.tests.find(m.name);
  if (tp != plan.tests.end()) {
    for (const ImportPiece& p : tp->second.imports) {
      pieces.push_back(p);
    }
    for (const auto& [module, names] : tp->second.from_module) {
      for (const std::string& n : names) {
        add(o.package.empty() ? module : o.package + "." + module, n);
      }
    }
  }
  std::string package = o.package.empty() ? m.name : o.package;
  std::string out = "\"\"\"Tests for " + full +
                    (o.notebook_path.empty() ? std::string() : ", generated from " + o.notebook_path) + ".\"\"\"\n\n";
  out += render_imports(std::move(pieces), package, o.line_length);
  out += body;
  return out;
}

std::string recorded_test_source(Plan& plan, ModulePlan& m) {
  const GenerateOptions& o = plan.options;
  const std::string full = o.package.empty() ? m.name : o.package + "." + m.name;
  const size_t dot = full.rfind('.');
  const std::string parent = dot == std::string::npos ? std::string() : full.substr(0, dot);
  const std::string alias = dot == std::string::npos ? full : full.substr(dot + 1);
  bool uses_pytest = false;
  std::string body;
  std::set<std::string> taken;
  for (const Definition& d : plan.definitions) {
    // A function that needs main()'s values, or whose results depend on chance or the
    // clock, has no result to assert.
    if (d.module != m.name || !d.exported || !d.passed.empty() || d.reads_main_globals || d.nondeterministic) {
      continue;
    }
    std::string asserts;
    size_t count = 0;
    for (const CallEvidence& e : d.calls) {
      if (!e.has_result || !stable_result(e.result_text) || count >= 3) {
        continue;
      }
      ++count;
      std::string call = call_text(plan, e, alias);
      asserts += "    # Recorded in cell " + std::to_string(plan.cells[e.cell].cell->index) + ".\n";
      LiteralKind k = literal_kind_of_text(e.result_text);
      if (k == LiteralKind::floating || (k == LiteralKind::container && approx_container(e.result_text))) {
        uses_pytest = true;
        asserts += "    assert " + call + " == pytest.approx(" + e.result_text + ")\n";
      } else if (k == LiteralKind::none || k == LiteralKind::boolean) {
        asserts += "    assert " + call + " is " + e.result_text + "\n";
      } else if (k != LiteralKind::not_literal) {
        asserts += "    assert " + call + " == " + indent_continuation(e.result_text, "    ") + "\n";
      } else if (e.result_text.find('\n') == std::string::npos) {
        asserts += "    assert repr(" + call + ") == " + python_string(e.result_text) + "\n";
      } else {
        asserts += "    expected = " + string_expression(e.result_text, "    ") + "\n";
        asserts += "    assert repr(" + call + ") == expected\n";
      }
    }
    if (count == 0) {
      continue;
    }
    std::string test_name = "test_" + snake_case(d.name);
    while (taken.contains(test_name)) {
      test_name += "_generated";
    }
    taken.insert(test_name);
    body += "\n\ndef " + test_name + "():\n" + asserts;
  }
  if (body.empty()) {
    return {};
  }
  std::vector<ImportPiece> pieces;
  auto add = [&](std::string module, std::string name) {
    pieces.push_back(plain_import(std::move(module), std::move(name)));
  };
  if (uses_pytest) {
    add("pytest", "");
  }
  if (parent.empty()) {
    add(alias, "");
  } else {
    add(parent, alias);
  }
  std::string out = "\"\"\"Regression tests for " + full + ", from results recorded in " +
                    (o.notebook_path.empty() ? std::string("the notebook") : o.notebook_path) +
                    ".\n\nnb2py rewrites this file only from the notebook with its outputs; the notebook\n"
                    "stripped (no outputs) leaves it as it is.\n\"\"\"\n\n";
  out += render_imports(std::move(pieces), o.package.empty() ? m.name : o.package, o.line_length);
  out += body;
  return out;
}

}  // namespace nbloop::convert::package
