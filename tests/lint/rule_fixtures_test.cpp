// Walks every built-in rule and checks its fixtures: fixtures/rules/<category>/<name>.py and
// <name>.ipynb, plus variants <name>.<anything>.py / .ipynb (e.g. a second notebook with
// other metadata). Expectations:
//
// - Line annotations, in any cell of a notebook (code, markdown or raw) or in a .py:
//   `# ruleid: NAME` (or `<!-- ruleid: NAME -->` in Markdown) before a line that must be
//   flagged, `# ok: NAME` / `<!-- ok: NAME -->` before a near miss that must not be. An
//   annotation applies to the next line of the same cell that is not an annotation.
// - Cell annotations, for findings that belong to a cell rather than one of its lines (an
//   output, the cell's id or execution count): the cell's metadata holds
//   `"nbloop-fixture": {"ruleid": ["NAME"], "ok": ["NAME"]}`; `ruleid` needs at least one
//   finding of the rule anywhere in that cell, `ok` forbids any.
// - Notebook annotations, for findings on the notebook as a whole (reported at cell 0): the
//   same `"nbloop-fixture"` object in the notebook's metadata.
//
// Every finding of the rule must be announced by a `ruleid` on its line, its cell or (cell 0)
// the notebook. All rules run (`select = ["ALL"]`, off-by-default rules too), with
// `max-output-bytes = 2048`.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "lint/lint.hpp"
#include "lint/rule_set.hpp"
#include "notebook/json.hpp"
#include "python/source.hpp"
#include "util/file_io.hpp"

namespace {

using namespace nbloop;
namespace json = notebook::json;

struct Expectation {
  int cell = 0;
  int line = 0;  ///< 0: anywhere in the cell (cell and notebook annotations)
  bool flagged = false;
};

// Reads line annotations from one text; an annotation applies to the next line that is not
// itself an annotation.
void line_annotations(std::string_view text, int cell, const std::string& name, std::vector<Expectation>& out) {
  std::vector<bool> pending;
  size_t pos = 0;
  int line_no = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    ++line_no;
    while (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    size_t start = line.find_first_not_of(" \t");
    std::string_view body = start == std::string_view::npos ? std::string_view() : line.substr(start);
    while (!body.empty() && body.back() == ' ') {
      body.remove_suffix(1);
    }
    bool is_ruleid = body == "# ruleid: " + name || body == "<!-- ruleid: " + name + " -->";
    bool is_ok = body == "# ok: " + name || body == "<!-- ok: " + name + " -->";
    bool other_annotation = body.starts_with("# ruleid:") || body.starts_with("# ok:") ||
                            body.starts_with("# todoruleid:") || body.starts_with("# todook:") ||
                            body.starts_with("<!-- ruleid:") || body.starts_with("<!-- ok:");
    if (is_ruleid || is_ok) {
      pending.push_back(is_ruleid);
    } else if (!other_annotation) {
      for (bool flagged : pending) {
        out.push_back(Expectation{cell, line_no, flagged});
      }
      pending.clear();
    }
    if (eol == std::string_view::npos) {
      break;
    }
    pos = eol + 1;
  }
}

// `"nbloop-fixture": {"ruleid": [...], "ok": [...]}` in a metadata object.
void metadata_annotations(const json::Value* meta, int cell, const std::string& name, std::vector<Expectation>& out) {
  if (meta == nullptr || !meta->is_object()) {
    return;
  }
  const json::Value* fx = meta->find("nbloop-fixture");
  if (fx == nullptr || !fx->is_object()) {
    return;
  }
  for (const char* key : {"ruleid", "ok"}) {
    if (const json::Value* list = fx->find(key); list != nullptr && list->is_array()) {
      for (const json::Value& v : list->items) {
        if (v.string_equals(name)) {
          out.push_back(Expectation{cell, 0, std::string_view(key) == "ruleid"});
        }
      }
    }
  }
}

std::vector<Expectation> annotations(const python::SourceFile& file, const std::string& bytes, const std::string& name) {
  std::vector<Expectation> out;
  if (!file.notebook) {
    line_annotations(file.units.at(0).original, 0, name, out);
    return out;
  }
  for (const auto& cell : file.facts.cells) {
    line_annotations(cell.source.text, cell.index, name, out);
  }
  auto doc = json::Document::parse(bytes);
  REQUIRE(doc.ok());
  const json::Value& root = doc->root();
  metadata_annotations(root.find("metadata"), 0, name, out);
  const json::Value* cells = root.find("cells");
  if (cells != nullptr && cells->is_array()) {
    int index = 0;
    for (const json::Value& c : cells->items) {
      ++index;
      metadata_annotations(c.is_object() ? c.find("metadata") : nullptr, index, name, out);
    }
  }
  return out;
}

// The fixture files of a rule: <name>.py, <name>.ipynb and <name>.*.{py,ipynb}.
std::vector<std::filesystem::path> fixture_files(const std::filesystem::path& dir, const std::string& name) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string f = entry.path().filename().string();
    std::string ext = entry.path().extension().string();
    if ((ext == ".py" || ext == ".ipynb") && (f == name + ext || f.starts_with(name + "."))) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("rule fixtures") {
  auto set = lint::RuleSet::load({});
  REQUIRE_MESSAGE(set.ok(), (set.ok() ? "" : set.error().message));
  lint::Config config;
  config.select = {"ALL"};
  config.max_output_bytes = 2048;  // the large-output fixture stays small (the default is 1 MiB)
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
      for (const auto& path : fixture_files(root / spec.category, spec.name)) {
        ++files;
        auto bytes = util::read_file(path.string());
        REQUIRE(bytes.ok());
        auto source = python::load_source(path.string(), *bytes);
        REQUIRE_MESSAGE(source.ok(), path.string());
        auto report = linter->lint(path.string(), *bytes);
        REQUIRE_MESSAGE(report.ok(), path.string());
        std::set<std::pair<int, int>> found;
        std::set<int> found_cells;
        for (const auto& f : report->findings) {
          if (f.code == spec.code) {
            found.emplace(f.cell, f.line);
            found_cells.insert(f.cell);
          }
        }
        std::set<std::pair<int, int>> announced;
        std::set<int> announced_cells;
        for (const auto& e : annotations(*source, *bytes, spec.name)) {
          bool hit = e.line == 0 ? found_cells.contains(e.cell) : found.contains({e.cell, e.line});
          std::string where = path.filename().string() + (e.cell > 0 ? ":cell " + std::to_string(e.cell) : "") +
                              (e.line > 0 ? ":" + std::to_string(e.line) : e.cell > 0 ? " (metadata)" : " (notebook metadata)");
          if (e.flagged) {
            any_ruleid = true;
            if (e.line == 0) {
              announced_cells.insert(e.cell);
            } else {
              announced.emplace(e.cell, e.line);
            }
            CHECK_MESSAGE(hit, where << ": expected " << spec.code << " [" << spec.name << "]");
          } else {
            any_ok = true;
            CHECK_MESSAGE(!hit, where << ": unexpected " << spec.code << " [" << spec.name << "] on an `ok` "
                                      << (e.line > 0 ? "line" : "cell"));
          }
          ++checked;
        }
        for (const auto& f : report->findings) {
          if (f.code == spec.code) {
            CHECK_MESSAGE((announced.contains({f.cell, f.line}) || announced_cells.contains(f.cell)),
                          path.filename().string() << (f.cell > 0 ? ":cell " + std::to_string(f.cell) : "") << ":"
                                                   << f.line << ": finding without `# ruleid: " << spec.name
                                                   << "`: " << f.message);
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
