#include "lint/rule_set.hpp"

#include <algorithm>
#include <filesystem>

#include "lint/builtin_rules.hpp"
#include "lint/registry.hpp"
#include "util/file_io.hpp"

namespace nbloop::lint {
namespace fs = std::filesystem;

namespace {

util::Error located(const std::string& file, const util::Error& e) {
  std::string where = file;
  if (e.line > 0) {
    where += ":" + std::to_string(e.line) + ":" + std::to_string(e.column);
  }
  return util::make_error(where + ": " + e.message);
}

util::Result<Rule> load_one(std::string_view text, const std::string& file, const std::string& category, bool builtin) {
  auto spec = parse_rule_file(text, file, category);
  if (!spec) {
    return located(file, spec.error());
  }
  Rule rule;
  rule.spec = std::move(*spec);
  rule.builtin = builtin;
  if (rule.spec.native) {
    const NativeRule* native = find_native(rule.spec.code);
    rule.check = native != nullptr ? native->check : nullptr;
    rule.reads_outputs = native != nullptr && native->reads_outputs;
    if (rule.check == nullptr) {
      return located(file, util::make_error("`kind: native` but no C++ rule has code " + rule.spec.code +
                                                " (team rules must be queries)",
                                            1, 1));
    }
  } else if (auto st = validate_query(rule.spec.query); !st) {
    util::Error e = st.error();
    if (e.line > 0) {
      e.line += rule.spec.query_line - 1;
    }
    return located(file, e);
  }
  return rule;
}

}  // namespace

util::Result<RuleSet> RuleSet::load(const std::vector<std::string>& extra_dirs) {
  RuleSet set;
  for (const EmbeddedRule& embedded : builtin_rule_files()) {
    std::string path(embedded.path);
    std::string category = path.find('/') == std::string::npos ? "" : path.substr(0, path.find('/'));
    auto rule = load_one(embedded.text, "rules/" + path, category, true);
    if (!rule) {
      return rule.error();
    }
    set.m_rules.push_back(std::move(*rule));
  }
  for (const std::string& dir : extra_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      return util::make_error(dir + ": rule folder not found");
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".scm") {
        files.push_back(it->path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      auto text = util::read_file(p.string());
      if (!text) {
        return util::make_error(p.string() + ": " + text.error().message);
      }
      auto rule = load_one(*text, p.string(), p.parent_path().filename().string(), false);
      if (!rule) {
        return rule.error();
      }
      auto same = std::find_if(set.m_rules.begin(), set.m_rules.end(),
                               [&](const Rule& r) { return r.spec.code == rule->spec.code; });
      if (same != set.m_rules.end()) {
        if (!same->builtin) {
          return util::make_error(p.string() + ":1:1: duplicate rule id " + rule->spec.code + " (also in " +
                                  same->spec.file + ")");
        }
        *same = std::move(*rule);
      } else {
        set.m_rules.push_back(std::move(*rule));
      }
    }
  }
  std::sort(set.m_rules.begin(), set.m_rules.end(), [](const Rule& a, const Rule& b) { return a.spec.code < b.spec.code; });
  for (size_t i = 1; i < set.m_rules.size(); ++i) {
    if (set.m_rules[i].spec.code == set.m_rules[i - 1].spec.code) {
      return util::make_error(set.m_rules[i].spec.file + ":1:1: duplicate rule id " + set.m_rules[i].spec.code);
    }
    if (set.m_rules[i].spec.name == set.m_rules[i - 1].spec.name) {
      return util::make_error(set.m_rules[i].spec.file + ":1:1: duplicate rule name " + set.m_rules[i].spec.name);
    }
  }
  return set;
}

const Rule* RuleSet::find(std::string_view code_or_name) const {
  for (const Rule& r : m_rules) {
    if (r.spec.code == code_or_name || r.spec.name == code_or_name) {
      return &r;
    }
  }
  return nullptr;
}

int RuleSet::index_of(std::string_view code) const {
  for (size_t i = 0; i < m_rules.size(); ++i) {
    if (m_rules[i].spec.code == code) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace nbloop::lint
