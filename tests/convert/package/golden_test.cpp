// Golden files for nb2py's generator: fixtures/nb2py/<case>.ipynb is converted and each
// module, its tests and a report (warnings, errors, requirements, exports) are compared
// with fixtures/nb2py/<case>/. NBLOOP_UPDATE_GOLDEN=1 rewrites them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "convert/package/generate.hpp"
#include "lint/lint.hpp"
#include "support/corpus.hpp"

namespace fs = std::filesystem;
using namespace nbloop::convert::package;

namespace {

std::string report_text(const Generated& g) {
  std::string out;
  auto diag = [&](const char* what, const std::vector<Diagnostic>& list) {
    out += std::string(what) + ":\n";
    for (const Diagnostic& d : list) {
      out += "  cell " + std::to_string(d.cell) + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
             d.message + "\n";
    }
  };
  diag("errors", g.errors);
  diag("warnings", g.warnings);
  out += "requirements:\n";
  for (const Requirement& r : g.requirements) {
    out += "  " + r.spec + " (cell " + std::to_string(r.cell) + ", line " + std::to_string(r.line) + ")\n";
  }
  out += "modules:\n";
  for (const GeneratedModule& m : g.modules) {
    out += "  " + m.name + "\n    exports:";
    for (const auto& e : m.exports) {
      out += " " + e;
    }
    out += "\n    third party:";
    for (const auto& t : m.third_party_imports) {
      out += " " + t;
    }
    out += "\n";
  }
  return out;
}

Generated generate_file(const std::string& path, const std::string& stem) {
  auto nb = nbloop::notebook::read_notebook(nbloop::test::read_all(path));
  REQUIRE(nb.ok());
  GenerateOptions o;
  o.package = "demo";
  o.default_module = stem;
  o.notebook_path = "notebooks/" + stem + ".ipynb";
  return generate(*nb, o);
}

void check_golden(const fs::path& path, const std::string& actual, bool update) {
  if (update) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  INFO("golden file: " << path.string() << " (NBLOOP_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(fs::exists(path));
  CHECK(nbloop::test::read_all(path.string()) == actual);
}

}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("generate: fixture goldens") {
    const fs::path dir = fs::path(NBLOOP_SOURCE_DIR) / "fixtures" / "nb2py";
    const char* env = std::getenv("NBLOOP_UPDATE_GOLDEN");
    const bool update = env != nullptr && std::string(env) == "1";
    std::vector<fs::path> notebooks;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".ipynb") {
        notebooks.push_back(e.path());
      }
    }
    std::sort(notebooks.begin(), notebooks.end());
    REQUIRE(notebooks.size() >= 6);
    for (const fs::path& nb : notebooks) {
      const std::string stem = nb.stem().string();
      CAPTURE(stem);
      Generated g = generate_file(nb.string(), stem);
      const fs::path out = dir / stem;
      if (update) {
        fs::remove_all(out);
      }
      check_golden(out / "report.txt", report_text(g), update);
      for (const GeneratedModule& m : g.modules) {
        check_golden(out / (m.name + ".py"), m.source, update);
        check_golden(out / ("test_" + m.name + ".py"), m.test_source, update);
        const fs::path recorded = out / ("test_" + m.name + "_recorded.py");
        if (!m.recorded_test_source.empty()) {
          check_golden(recorded, m.recorded_test_source, update);
        } else {
          CHECK_MESSAGE(!fs::exists(recorded), recorded.string() << ": no recorded results, so no golden");
        }
      }
      // Deterministic: a second run gives the same bytes.
      Generated again = generate_file(nb.string(), stem);
      REQUIRE(again.modules.size() == g.modules.size());
      for (size_t i = 0; i < g.modules.size(); ++i) {
        CHECK(again.modules[i].source == g.modules[i].source);
        CHECK(again.modules[i].test_source == g.modules[i].test_source);
        CHECK(again.modules[i].recorded_test_source == g.modules[i].recorded_test_source);
      }
      CHECK(report_text(again) == report_text(g));
      // nbloop lint (default rules) finds nothing in the modules the notebook did not have.
      static const auto linter = nbloop::lint::Linter::create(nbloop::lint::Config{});
      REQUIRE(linter.ok());
      std::map<std::string, int> before;
      if (auto r = linter->lint(nb.string(), nbloop::test::read_all(nb.string())); r.ok()) {
        for (const auto& f : r->findings) {
          ++before[f.code];
        }
      }
      // The one exception: main()'s `global` statement is the generator's reported fallback
      // for names a class or a function used as a value reads (PLW0603 on it is expected).
      for (const Diagnostic& w : g.warnings) {
        if (w.message.find("declared `global` in main()") != std::string::npos) {
          before["PLW0603"] = 1;
        }
      }
      std::map<std::string, int> after;
      for (const GeneratedModule& m : g.modules) {
        auto r = linter->lint(m.name + ".py", m.source);
        REQUIRE(r.ok());
        for (const auto& f : r->findings) {
          ++after[f.code];
          INFO(m.name << ".py:" << f.line << ":" << f.column << ": " << f.code << " " << f.message);
          CHECK(after[f.code] <= before[f.code]);
        }
        for (const auto& [file, text] : {std::pair{"test_" + m.name + ".py", m.test_source},
                                         std::pair{"test_" + m.name + "_recorded.py", m.recorded_test_source}}) {
          auto t = linter->lint(file, text);
          REQUIRE(t.ok());
          for (const auto& f : t->findings) {
            FAIL_CHECK(file << ":" << f.line << ":" << f.column << ": " << f.code << " " << f.message);
          }
        }
      }
    }
  }
}
