#include <fnmatch.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <map>

#include "lint/context.hpp"
#include "lint/lint.hpp"
#include "lint/noqa.hpp"
#include "lint/query.hpp"
#include "lint/rule_set.hpp"
#include "python/source.hpp"

namespace nbloop::lint {
namespace {

bool selector_matches(std::string_view selector, const RuleSpec& spec) {
  return selector == "ALL" || selector == spec.name || spec.code.starts_with(selector);
}

std::string base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string relative_to(std::string_view path, const std::string& base) {
  std::string p(path);
  if (p.starts_with("./")) {
    p = p.substr(2);
  }
  if (!base.empty() && p.starts_with(base + "/")) {
    return p.substr(base.size() + 1);
  }
  return p;
}

bool glob_matches(const std::string& pattern, std::string_view path, const std::string& base) {
  if (pattern.find('/') == std::string::npos) {
    return fnmatch(pattern.c_str(), base_name(path).c_str(), 0) == 0;
  }
  std::string rel = relative_to(path, base);
  return fnmatch(pattern.c_str(), rel.c_str(), 0) == 0 ||
         fnmatch(pattern.c_str(), std::string(path).c_str(), 0) == 0;
}

bool code_listed(const std::vector<std::string>& codes, std::string_view code) {
  return std::any_of(codes.begin(), codes.end(), [&](const std::string& c) { return code.starts_with(c); });
}

// Positions of a finding on a cell's source, an output or the notebook as a whole: a cell
// source is located like a unit; an output at its cell (line 1, column 1) and the file line
// of the output text's line; the notebook at cell 0 (none) and its file line.
void resolve_outside_units(const python::NotebookFacts& facts, const RawFinding& f, Finding& out) {
  if (f.site == Site::notebook) {
    out.cell = 0;
    out.line = out.end_line = out.file_line = out.end_file_line = static_cast<int>(f.unit);
    out.column = out.end_column = 1;
    return;
  }
  const python::CellFacts& cell = facts.cells[f.unit];
  out.cell = cell.index;
  if (f.site == Site::cell) {
    const python::MappedText& t = cell.source;
    std::tie(out.line, out.column) = t.position(f.start);
    std::tie(out.end_line, out.end_column) = t.position(std::max(f.end, f.start));
    out.file_line = t.file_line(static_cast<uint32_t>(out.line - 1));
    out.end_file_line = t.file_line(static_cast<uint32_t>(out.end_line - 1));
    out.source_line = std::string(t.line_text(static_cast<uint32_t>(out.line - 1)));
    return;
  }
  if (f.site == Site::cell_line) {
    out.line = out.end_line = out.column = out.end_column = 1;
    out.file_line = out.end_file_line = f.start > 0 ? static_cast<int>(f.start) : cell.file_line;
    return;
  }
  const python::OutputFacts& o = cell.outputs[f.output];
  out.line = out.end_line = 1;
  out.column = out.end_column = 1;
  out.file_line = o.text.file_line(o.text.line_of(f.start));
  out.end_file_line = o.text.file_line(o.text.line_of(std::max(f.end, f.start)));
  if (out.file_line == 0) {
    out.file_line = out.end_file_line = o.file_line;
  }
}

}  // namespace

util::Result<Linter> Linter::create(const Config& config) {
  auto set = RuleSet::load(config.extra_rule_dirs);
  if (!set) {
    return set.error();
  }
  Linter linter;
  linter.m_config = config;
  linter.m_rules = std::make_shared<const RuleSet>(std::move(*set));
  const auto& rules = linter.m_rules->rules();
  // No `select`: the rules that are on by default (`default: off` rules need selecting).
  linter.m_selected.assign(rules.size(), false);
  for (size_t i = 0; i < rules.size(); ++i) {
    linter.m_selected[i] = config.select.empty() && rules[i].spec.default_on;
  }
  auto apply = [&](const std::vector<std::string>& selectors, bool value, bool strict) -> util::Status {
    for (const std::string& sel : selectors) {
      bool any = false;
      for (size_t i = 0; i < rules.size(); ++i) {
        if (selector_matches(sel, rules[i].spec)) {
          linter.m_selected[i] = value;
          any = true;
        }
      }
      if (!any && strict) {
        return util::make_error("unknown rule selector `" + sel + "` (see `nbloop rules`)");
      }
    }
    return util::Ok{};
  };
  if (auto st = apply(config.select, true, true); !st) {
    return st.error();
  }
  if (auto st = apply(config.extend_select, true, true); !st) {
    return st.error();
  }
  if (auto st = apply(config.ignore, false, false); !st) {
    return st.error();
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    linter.m_reads_outputs = linter.m_reads_outputs || (linter.m_selected[i] && rules[i].reads_outputs);
  }
  std::vector<int> query_rules;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!rules[i].spec.native && linter.m_selected[i]) {
      query_rules.push_back(static_cast<int>(i));
    }
  }
  auto program = QueryProgram::compile(*linter.m_rules, query_rules);
  if (!program) {
    return program.error();
  }
  linter.m_program = std::make_shared<const QueryProgram>(std::move(*program));
  return linter;
}

util::Result<FileReport> Linter::lint(std::string_view path, std::string bytes) const {
  python::LoadOptions load;
  load.output_contents = m_reads_outputs;
  auto loaded = python::load_source(path, std::move(bytes), load);
  if (!loaded) {
    return loaded.error();
  }
  const python::SourceFile& file = *loaded;
  const auto& rules = m_rules->rules();

  // Which rules run on this file.
  std::vector<bool> enabled = m_selected;
  for (size_t i = 0; i < rules.size(); ++i) {
    const Forms forms = rules[i].spec.forms;
    if ((forms == Forms::notebook && !file.notebook) || (forms == Forms::py && file.notebook)) {
      enabled[i] = false;
    }
  }
  for (const auto& [pattern, codes] : m_config.per_file_ignores) {
    if (glob_matches(pattern, path, m_config.base_dir)) {
      for (size_t i = 0; i < rules.size(); ++i) {
        if (code_listed(codes, rules[i].spec.code) || std::find(codes.begin(), codes.end(), "ALL") != codes.end()) {
          enabled[i] = false;
        }
      }
    }
  }

  std::vector<ParsedUnit> units;
  units.reserve(file.units.size());
  for (const auto& unit : file.units) {
    ParsedUnit pu;
    pu.unit = &unit;
    pu.tree = python::parse(unit.text);
    pu.syntax_error = python::has_error(pu.tree.get());
    units.push_back(std::move(pu));
  }
  RuleOptions options;
  options.max_output_bytes = m_config.max_output_bytes;
  RuleContext ctx(file, units, options);
  std::vector<std::string_view> codes;
  codes.reserve(rules.size());
  for (const Rule& r : rules) {
    codes.emplace_back(r.spec.code);
  }
  ctx.set_enabled(&enabled, &codes);
  int e999 = -1;
  int ruf100 = -1;
  int nb301 = -1;  // IPython syntax in a .py: the reason for its syntax error, reported with it
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].spec.code == "E999") {
      e999 = static_cast<int>(i);
    } else if (rules[i].spec.code == "NB301") {
      nb301 = static_cast<int>(i);
    } else if (rules[i].spec.code == "RUF100") {
      ruf100 = static_cast<int>(i);
    }
    if (enabled[i] && rules[i].check != nullptr) {
      ctx.set_rule(static_cast<int>(i), &rules[i].spec.message);
      rules[i].check(ctx);
    }
  }
  for (uint32_t u = 0; u < units.size(); ++u) {
    m_program->run(ctx, u, enabled);
  }
  std::vector<RawFinding>& raw = ctx.findings();
  // One finding per rule and range (several query matches may report the same node).
  std::sort(raw.begin(), raw.end(), [](const RawFinding& a, const RawFinding& b) {
    return std::tie(a.site, a.unit, a.output, a.start, a.end, a.rule, a.message) <
           std::tie(b.site, b.unit, b.output, b.start, b.end, b.rule, b.message);
  });
  raw.erase(std::unique(raw.begin(), raw.end(),
                        [](const RawFinding& a, const RawFinding& b) {
                          return a.site == b.site && a.unit == b.unit && a.output == b.output && a.start == b.start &&
                                 a.end == b.end && a.rule == b.rule;
                        }),
            raw.end());
  // A unit that does not parse reports its syntax error only (and what was found in its
  // text, not its tree); the others are linted.
  raw.erase(std::remove_if(raw.begin(), raw.end(),
                           [&](const RawFinding& f) {
                             return f.site == Site::unit && !f.textual && f.rule != e999 && f.rule != nb301 &&
                                    units[f.unit].syntax_error;
                           }),
            raw.end());

  // Suppressions: file-wide comments, cell tags, then `# noqa` on the finding's line.
  static const TSSymbol comment = RuleContext::symbol("comment");
  std::vector<NoqaDirective> directives;
  bool file_all = false;
  std::vector<std::string> file_codes;
  for (uint32_t u = 0; u < units.size(); ++u) {
    for (TSNode c : ctx.nodes(u, comment)) {
      uint32_t start = ts_node_start_byte(c);
      std::string_view text = ctx.text(u, start, ts_node_end_byte(c));
      ParsedNoqa p = parse_noqa_comment(text);
      if (p.kind == ParsedNoqa::Kind::file) {
        if (p.blanket) {
          file_all = true;
        } else {
          file_codes.insert(file_codes.end(), p.codes.begin(), p.codes.end());
        }
      } else if (p.kind == ParsedNoqa::Kind::line) {
        NoqaDirective d;
        d.unit = u;
        d.line = units[u].unit->line_of(start);
        d.start = start + static_cast<uint32_t>(p.offset);
        d.end = d.start + static_cast<uint32_t>(p.length);
        d.blanket = p.blanket;
        d.codes = std::move(p.codes);
        d.used.assign(d.codes.size(), false);
        directives.push_back(std::move(d));
      }
    }
  }
  if (file_all) {
    return FileReport{file.notebook, {}};
  }
  std::map<std::pair<uint32_t, uint32_t>, size_t> by_line;
  for (size_t i = 0; i < directives.size(); ++i) {
    by_line.emplace(std::make_pair(directives[i].unit, directives[i].line), i);
  }
  const auto& cells = file.facts.cells;
  static const std::vector<std::string> k_no_tags;
  auto suppressed = [&](const RawFinding& f) {
    const std::string& code = rules[static_cast<size_t>(f.rule)].spec.code;
    if (code_listed(file_codes, code)) {
      return true;
    }
    const std::vector<std::string>& tags = f.site == Site::unit       ? units[f.unit].unit->tags
                                           : f.site == Site::notebook ? k_no_tags
                                                                      : cells[f.unit].tags;
    for (const std::string& tag : tags) {
      if (tag == "nbloop-noqa") {
        return true;
      }
      if (tag.starts_with("nbloop-noqa:")) {
        std::string_view list = std::string_view(tag).substr(12);
        size_t pos = 0;
        while (pos <= list.size()) {
          size_t comma = list.find(',', pos);
          std::string_view one = list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
          while (!one.empty() && one.front() == ' ') {
            one.remove_prefix(1);
          }
          if (!one.empty() && code.starts_with(one)) {
            return true;
          }
          if (comma == std::string_view::npos) {
            break;
          }
          pos = comma + 1;
        }
      }
    }
    if (f.site != Site::unit) {
      return false;
    }
    auto it = by_line.find({f.unit, units[f.unit].unit->line_of(f.start)});
    if (it == by_line.end()) {
      return false;
    }
    NoqaDirective& d = directives[it->second];
    if (d.blanket) {
      d.blanket_used = true;
      return true;
    }
    bool hit = false;
    for (size_t k = 0; k < d.codes.size(); ++k) {
      if (code.starts_with(d.codes[k])) {
        d.used[k] = true;
        hit = true;
      }
    }
    return hit;
  };
  raw.erase(std::remove_if(raw.begin(), raw.end(), suppressed), raw.end());

  // RUF100: noqa comments that suppressed nothing, or name codes nbloop does not know.
  if (ruf100 >= 0 && enabled[static_cast<size_t>(ruf100)]) {
    for (const NoqaDirective& d : directives) {
      if (units[d.unit].syntax_error) {
        continue;
      }
      if (d.blanket) {
        if (!d.blanket_used) {
          raw.push_back(RawFinding{ruf100, d.unit, d.start, d.end, "Unused blanket `noqa` directive"});
        }
        continue;
      }
      std::vector<std::string> unknown;
      std::vector<std::string> unused;
      for (size_t k = 0; k < d.codes.size(); ++k) {
        if (d.used[k]) {
          continue;
        }
        bool known = std::any_of(rules.begin(), rules.end(), [&](const Rule& r) { return r.spec.code.starts_with(d.codes[k]); });
        (known ? unused : unknown).push_back("`" + d.codes[k] + "`");
      }
      if (unknown.empty() && unused.empty()) {
        continue;
      }
      std::string detail;
      auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) {
          s += (s.empty() ? "" : ", ") + x;
        }
        return s;
      };
      if (!unused.empty()) {
        detail += "unused: " + join(unused);
      }
      if (!unknown.empty()) {
        detail += std::string(detail.empty() ? "" : "; ") + "unknown: " + join(unknown);
      }
      raw.push_back(RawFinding{ruf100, d.unit, d.start, d.end, "Unused `noqa` directive (" + detail + ")"});
    }
  }

  FileReport report;
  report.notebook = file.notebook;
  report.findings.reserve(raw.size());
  for (RawFinding& f : raw) {
    const RuleSpec& spec = rules[static_cast<size_t>(f.rule)].spec;
    Finding out;
    out.code = spec.code;
    out.name = spec.name;
    out.message = std::move(f.message);
    out.severity = spec.severity;
    if (f.site != Site::unit) {
      resolve_outside_units(file.facts, f, out);
      report.findings.push_back(std::move(out));
      continue;
    }
    const python::SourceUnit& unit = *units[f.unit].unit;
    out.cell = unit.cell;
    std::tie(out.line, out.column) = unit.position(f.start);
    std::tie(out.end_line, out.end_column) = unit.position(std::max(f.end, f.start));
    auto file_line = [&](int line) {
      size_t i = static_cast<size_t>(line - 1);
      return i < unit.file_lines.size() ? unit.file_lines[i] : line;
    };
    out.file_line = file_line(out.line);
    out.end_file_line = file_line(out.end_line);
    out.source_line = std::string(unit.line_text(static_cast<uint32_t>(out.line - 1)));
    report.findings.push_back(std::move(out));
  }
  std::sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.cell, a.line, a.column, a.code, a.message) < std::tie(b.cell, b.line, b.column, b.code, b.message);
  });
  return report;
}

util::Result<FileReport> lint_bytes(std::string_view path, std::string bytes, const Config& config) {
  auto linter = Linter::create(config);
  if (!linter) {
    return linter.error();
  }
  return linter->lint(path, std::move(bytes));
}

}  // namespace nbloop::lint
