// nb2py's generator on every Python notebook of the shared corpus: it succeeds or refuses
// with an error naming the cell; what it makes is deterministic, compiles with
// /usr/bin/python3 (one process for all files), and has no undefined name or syntax error
// that nbloop lint did not already find in the notebook.
#include "support/corpus.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "convert/package/generate.hpp"
#include "lint/lint.hpp"
#include "strip/strip.hpp"

namespace fs = std::filesystem;
using namespace nbloop::convert::package;

namespace {

// Names reported undefined (F821) and syntax errors (E999) by nbloop lint.
std::multiset<std::string> lint_names(const nbloop::lint::Linter& linter, const std::string& path, std::string bytes,
                                      int& syntax_errors) {
  std::multiset<std::string> out;
  auto report = linter.lint(path, std::move(bytes));
  if (!report.ok()) {
    ++syntax_errors;
    return out;
  }
  for (const auto& f : report->findings) {
    if (f.code == "E999") {
      ++syntax_errors;
    } else if (f.code == "F821") {
      size_t a = f.message.find('`');
      size_t b = a == std::string::npos ? a : f.message.find('`', a + 1);
      out.insert(a == std::string::npos || b == std::string::npos ? f.message : f.message.substr(a + 1, b - a - 1));
    }
  }
  return out;
}

// Findings per rule code with the default rule set.
std::map<std::string, int> codes(const nbloop::lint::Linter& linter, const std::string& path, std::string bytes) {
  std::map<std::string, int> out;
  auto report = linter.lint(path, std::move(bytes));
  if (report.ok()) {
    for (const auto& f : report->findings) {
      ++out[f.code];
    }
  }
  return out;
}

}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("generate: corpus") {
    auto notebooks = nbloop::test::corpus_notebooks();
    if (notebooks.empty()) {
      MESSAGE("SKIP: corpus not found (set NBLOOP_CORPUS)");
      return;
    }
    nbloop::lint::Config config;
    config.select = {"F821", "E999"};
    auto linter = nbloop::lint::Linter::create(config);
    REQUIRE(linter.ok());
    auto all_rules = nbloop::lint::Linter::create(nbloop::lint::Config{});
    REQUIRE(all_rules.ok());
    std::map<std::string, int> added;  // findings per code in modules beyond the notebook's
    const std::string tmp = nbloop::test::make_temp_dir();
    REQUIRE(!tmp.empty());
    int ok = 0;
    int unreadable = 0;
    int files = 0;
    int new_undefined = 0;
    int new_syntax = 0;
    int stripped_same = 0;  // modules identical from the stripped notebook
    int with_outputs = 0;   // converted notebooks that carry outputs
    std::map<std::string, int> refusals;
    std::map<std::string, std::string> new_names_example;
    double seconds = 0;
    for (const std::string& path : notebooks) {
      const std::string name = fs::path(path).stem().string();
      std::string bytes = nbloop::test::read_all(path);
      auto nb = nbloop::notebook::read_notebook(bytes);
      if (!nb.ok()) {
        ++unreadable;
        continue;
      }
      GenerateOptions o;
      o.package = "pkg";
      o.default_module = "nb";
      o.notebook_path = name + ".ipynb";
      // CPU time of this thread: the machine is shared, wall time would measure the others.
      timespec t0{};
      timespec t1{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
      Generated g = generate(*nb, o);
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
      seconds += static_cast<double>(t1.tv_sec - t0.tv_sec) + static_cast<double>(t1.tv_nsec - t0.tv_nsec) * 1e-9;
      if (!g.errors.empty()) {
        const Diagnostic& e = g.errors.front();
        CHECK_MESSAGE(!e.message.empty(), name);
        // A refusal names its cell, except the whole-notebook kernel refusal.
        CHECK_MESSAGE((e.cell > 0 || e.message.starts_with("not a Python notebook")), name << ": " << e.message);
        std::string reason = e.message.substr(0, e.message.find(';'));
        reason = reason.substr(0, reason.find(" (the kernel"));
        ++refusals[reason];
        if (!e.message.starts_with("not a Python") && e.message.find("print") == std::string::npos) {
          MESSAGE("refused " << name << ": cell " << e.cell << ":" << e.line << ":" << e.column << ": " << e.message);
        }
        CHECK(g.modules.empty());
        continue;
      }
      ++ok;
      REQUIRE_MESSAGE(!g.modules.empty(), name);
      // Deterministic.
      auto nb2 = nbloop::notebook::read_notebook(bytes);
      REQUIRE(nb2.ok());
      Generated again = generate(*nb2, o);
      REQUIRE_MESSAGE(again.modules.size() == g.modules.size(), name);
      for (size_t i = 0; i < g.modules.size(); ++i) {
        CHECK_MESSAGE(again.modules[i].source == g.modules[i].source, name);
        CHECK_MESSAGE(again.modules[i].test_source == g.modules[i].test_source, name);
        CHECK_MESSAGE(again.modules[i].recorded_test_source == g.modules[i].recorded_test_source, name);
      }
      // Outputs change nothing but the recorded tests: the notebook stripped (as git's clean
      // filter commits it) gives the same module and tests/test_<module>.py.
      nbloop::strip::StripOptions strip_options;
      strip_options.keep_output = false;
      auto stripped_bytes = nbloop::strip::strip_bytes(bytes, strip_options);
      REQUIRE_MESSAGE(stripped_bytes.ok(), name);
      auto stripped_nb = nbloop::notebook::read_notebook(*stripped_bytes);
      REQUIRE_MESSAGE(stripped_nb.ok(), name);
      Generated stripped = generate(*stripped_nb, o);
      CHECK_MESSAGE(!stripped.has_outputs, name);
      CHECK_MESSAGE(stripped.errors.empty(), name);
      REQUIRE_MESSAGE(stripped.modules.size() == g.modules.size(), name);
      REQUIRE_MESSAGE(stripped.requirements.size() == g.requirements.size(), name);
      for (size_t i = 0; i < g.requirements.size(); ++i) {
        CHECK_MESSAGE(stripped.requirements[i].spec == g.requirements[i].spec, name);
      }
      for (size_t i = 0; i < g.modules.size(); ++i) {
        CHECK_MESSAGE(stripped.modules[i].name == g.modules[i].name, name);
        CHECK_MESSAGE(stripped.modules[i].source == g.modules[i].source, name << "/" << g.modules[i].name << ".py");
        CHECK_MESSAGE(stripped.modules[i].test_source == g.modules[i].test_source,
                      name << "/test_" << g.modules[i].name << ".py");
        CHECK_MESSAGE(stripped.modules[i].exports == g.modules[i].exports, name);
        CHECK_MESSAGE(stripped.modules[i].third_party_imports == g.modules[i].third_party_imports, name);
        CHECK_MESSAGE(stripped.modules[i].recorded_test_source.empty(), name);
        stripped_same += stripped.modules[i].source == g.modules[i].source &&
                         stripped.modules[i].test_source == g.modules[i].test_source;
      }
      with_outputs += g.has_outputs ? 1 : 0;
      // Lint: nothing new compared with the notebook.
      int nb_syntax = 0;
      std::multiset<std::string> before = lint_names(*linter, path, bytes, nb_syntax);
      std::map<std::string, int> nb_codes = codes(*all_rules, path, bytes);
      std::map<std::string, int> module_codes;
      for (const GeneratedModule& m : g.modules) {
        for (const auto& [code, n] : codes(*all_rules, m.name + ".py", m.source)) {
          module_codes[code] += n;
        }
      }
      for (const auto& [code, n] : module_codes) {
        if (n > nb_codes[code]) {
          added[code] += n - nb_codes[code];
        }
      }
      const fs::path dir = fs::path(tmp) / name;
      fs::create_directories(dir);
      for (const GeneratedModule& m : g.modules) {
        int syntax = 0;
        std::multiset<std::string> after = lint_names(*linter, m.name + ".py", m.source, syntax);
        if (syntax > 0) {
          ++new_syntax;
          MESSAGE(name << "/" << m.name << ".py: nbloop lint finds a syntax error");
        }
        for (const std::string& n : std::set<std::string>(after.begin(), after.end())) {
          if (!before.contains(n)) {
            ++new_undefined;
            new_names_example[name + "/" + m.name] += " " + n;
          }
        }
        std::ofstream(dir / (m.name + ".py"), std::ios::binary) << m.source;
        std::ofstream(dir / ("test_" + m.name + ".py"), std::ios::binary) << m.test_source;
        files += 2;
        if (!m.recorded_test_source.empty()) {
          std::ofstream(dir / ("test_" + m.name + "_recorded.py"), std::ios::binary) << m.recorded_test_source;
          ++files;
        }
      }
    }
    // One python3 process compiles every generated file; it prints the ones that fail.
    const std::string script = fs::path(tmp) / "compile_all.py";
    std::ofstream(script) << "import os, py_compile, sys\n"
                             "bad = 0\n"
                             "for root, _, names in os.walk(sys.argv[1]):\n"
                             "    for n in sorted(names):\n"
                             "        if n.endswith('.py') and n != 'compile_all.py':\n"
                             "            try:\n"
                             "                py_compile.compile(os.path.join(root, n), "
                             "cfile=os.path.join(sys.argv[1], 'x.pyc'), doraise=True)\n"
                             "            except py_compile.PyCompileError as e:\n"
                             "                bad += 1\n"
                             "                print('does not compile:', e.msg.strip().splitlines()[-1], flush=True)\n"
                             "sys.exit(1 if bad else 0)\n";
    int status = nbloop::test::run_command("/usr/bin/python3 " + script + " " + tmp);
    CHECK_MESSAGE(status == 0, "some generated files do not compile (listed above)");
    std::string refused;
    int refused_total = 0;
    for (const auto& [reason, n] : refusals) {
      refused += "\n  " + std::to_string(n) + " x " + reason;
      refused_total += n;
    }
    for (const auto& [where, names] : new_names_example) {
      MESSAGE("new undefined names in " << where << ":" << names);
    }
    MESSAGE(notebooks.size() << " corpus notebooks: " << ok << " converted, " << refused_total << " refused, "
                             << unreadable << " unreadable; " << files << " generated files compiled "
                             << std::string(status == 0 ? "all" : "NOT all") << "; new undefined names "
                             << new_undefined << ", new syntax errors " << new_syntax << "; generate() CPU time "
                             << seconds * 1000 << " ms" << refused);
    std::string more;
    for (const auto& [code, n] : added) {
      more += " " + code + " +" + std::to_string(n);
    }
    MESSAGE(with_outputs << " converted notebooks carry outputs; " << stripped_same
                         << " modules identical (module and main tests) from the stripped notebook");
    MESSAGE("findings of the default rules in generated modules beyond the notebook's, per code:" << more);
    CHECK(new_syntax == 0);
    if (std::getenv("NBLOOP_KEEP_TMP") != nullptr) {
      MESSAGE("generated files kept in " << tmp);
    } else {
      nbloop::test::remove_tree(tmp);
    }
  }
}

// Not a test: the timing scripts/bench_nb2py_generate reports (skipped unless --no-skip).
TEST_CASE("generate: corpus speed" * doctest::skip()) {
  auto dir = nbloop::test::corpus_dir();
  if (!dir) {
    MESSAGE("SKIP: corpus not found (set NBLOOP_CORPUS)");
    return;
  }
  // The 245 nbformat-4 notebooks jupytext converted (its 2.75 s is the reference).
  std::vector<std::string> inputs;
  size_t bytes = 0;
  for (const auto& e : fs::directory_iterator(fs::path(*dir) / "expected" / "jupytext-percent")) {
    inputs.push_back(nbloop::test::read_all((fs::path(*dir) / "notebooks" / e.path().stem()).string() + ".ipynb"));
    bytes += inputs.back().size();
  }
  auto cpu_now = [] {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  };
  auto wall_now = [] {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  };
  double best_cpu = 1e9;
  double best_wall = 1e9;
  double best_generate = 1e9;
  size_t modules = 0;
  for (int run = 0; run < 5; ++run) {
    double c0 = cpu_now();
    double w0 = wall_now();
    double generate_cpu = 0;
    modules = 0;
    for (const std::string& input : inputs) {
      auto nb = nbloop::notebook::read_notebook(input);
      if (!nb.ok()) {
        continue;
      }
      const GenerateOptions o{"pkg", "nb", "", 88};
      double g0 = cpu_now();
      Generated g = generate(*nb, o);
      generate_cpu += cpu_now() - g0;
      modules += g.modules.size();
    }
    best_cpu = std::min(best_cpu, cpu_now() - c0);
    best_wall = std::min(best_wall, wall_now() - w0);
    best_generate = std::min(best_generate, generate_cpu);
  }
  MESSAGE(inputs.size() << " notebooks (" << bytes / 1000000.0 << " MB), " << modules
                        << " modules; best of 5 on one thread: read+generate " << best_wall * 1000 << " ms wall, "
                        << best_cpu * 1000 << " ms CPU; generate() alone " << best_generate * 1000 << " ms CPU");
}
