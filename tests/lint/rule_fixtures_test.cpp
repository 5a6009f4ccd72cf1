// Walks every built-in rule and checks its fixtures in fixtures/rules/<category>/<name>.py
// (and .ipynb): `# ruleid: NAME` before a line that must be flagged, `# ok: NAME` before a
// near miss that must not be. Every finding of the rule must be announced by a `ruleid`.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "lint/lint.hpp"
#include "lint/rule_set.hpp"
#include "python/source.hpp"
#include "util/file_io.hpp"

namespace {

using namespace nbloop;

struct Expectation {
  int cell = 0;
  int line = 0;
  bool flagged = false;
};

// Reads annotations from every unit; an annotation applies to the next line that is
// not itself an annotation.
std::vector<Expectation> annotations(const python::SourceFile& file, const std::string& name) {
  std::vector<Expectation> out;
  for (const auto& unit : file.units) {
    std::vector<std::pair<bool, int>> pending;
    for (uint32_t i = 0; i < unit.line_starts.size(); ++i) {
      std::string_view line = unit.line_text(i);
      size_t start = line.find_first_not_of(" \t");
      std::string_view body = start == std::string_view::npos ? std::string_view() : line.substr(start);
      bool is_ruleid = body == "# ruleid: " + name;
      bool is_ok = body == "# ok: " + name;
      bool other_annotation = body.starts_with("# ruleid:") || body.starts_with("# ok:") ||
                              body.starts_with("# todoruleid:") || body.starts_with("# todook:");
      if (is_ruleid || is_ok) {
        pending.emplace_back(is_ruleid, 0);
        continue;
      }
      if (other_annotation) {
        continue;
      }
      for (auto& p : pending) {
        out.push_back(Expectation{unit.cell, static_cast<int>(i) + 1, p.first});
      }
      pending.clear();
    }
  }
  return out;
}

}  // namespace

TEST_CASE("rule fixtures") {
  auto set = lint::RuleSet::load({});
  REQUIRE_MESSAGE(set.ok(), (set.ok() ? "" : set.error().message));
  lint::Config config;
  config.select = {"ALL"};
  auto linter = lint::Linter::create(config);
  REQUIRE(linter.ok());
  const std::filesystem::path root = std::filesystem::path(NBLOOP_SOURCE_DIR) / "fixtures" / "rules";
  int checked = 0;
  for (const auto& rule : set->rules()) {
    const auto& spec = rule.spec;
    SUBCASE(spec.code.c_str()) {
      bool any_ruleid = false;
      bool any_ok = false;
      int files = 0;
      for (const char* ext : {".py", ".ipynb"}) {
        auto path = root / spec.category / (spec.name + ext);
        if (!std::filesystem::exists(path)) {
          continue;
        }
        ++files;
        auto bytes = util::read_file(path.string());
        REQUIRE(bytes.ok());
        auto source = python::load_source(path.string(), *bytes);
        REQUIRE_MESSAGE(source.ok(), path.string());
        auto report = linter->lint(path.string(), *bytes);
        REQUIRE_MESSAGE(report.ok(), path.string());
        std::set<std::pair<int, int>> found;
        for (const auto& f : report->findings) {
          if (f.code == spec.code) {
            found.emplace(f.cell, f.line);
          }
        }
        std::set<std::pair<int, int>> announced;
        for (const auto& e : annotations(*source, spec.name)) {
          bool hit = found.contains({e.cell, e.line});
          std::string where = path.filename().string() + (e.cell > 0 ? ":cell " + std::to_string(e.cell) : "") + ":" +
                              std::to_string(e.line);
          if (e.flagged) {
            any_ruleid = true;
            announced.emplace(e.cell, e.line);
            CHECK_MESSAGE(hit, where << ": expected " << spec.code << " [" << spec.name << "]");
          } else {
            any_ok = true;
            CHECK_MESSAGE(!hit, where << ": unexpected " << spec.code << " [" << spec.name << "] on an `ok` line");
          }
          ++checked;
        }
        for (const auto& f : report->findings) {
          if (f.code == spec.code) {
            CHECK_MESSAGE(announced.contains({f.cell, f.line}),
                          path.filename().string() << ":" << lint::Finding{f}.line << ": finding without `# ruleid: "
                                                   << spec.name << "`: " << f.message);
          }
        }
      }
      CHECK_MESSAGE(files > 0, "no fixture for " << spec.code << ": fixtures/rules/" << spec.category << "/" << spec.name
                                                 << ".py");
      CHECK_MESSAGE(any_ruleid, spec.code << ": fixtures need at least one `# ruleid: " << spec.name << "`");
      CHECK_MESSAGE(any_ok, spec.code << ": fixtures need at least one `# ok: " << spec.name << "`");
    }
  }
  (void)checked;
}
