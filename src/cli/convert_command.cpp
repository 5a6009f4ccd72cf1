// `nbloop convert`: notebooks → a Python package (the default, `--to package`, also run as
// `nb2py`; see package_convert.cpp), or notebook ↔ text forms (`--to percent|databricks|ipynb`).
#include <unistd.h>

#include <algorithm>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "cli/package_convert.hpp"
#include "convert/databricks.hpp"
#include "convert/detect.hpp"
#include "convert/percent.hpp"
#include "convert/update.hpp"
#include "notebook/notebook.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"
#include "util/parallel.hpp"

namespace nbloop::cli {
namespace {

struct ConvertArgs {
  std::vector<std::string> paths;
  std::string to;
  std::string from;
  std::string output;
  std::string update;
  bool keep_ids = false;
  PackageArgs package;  // --out, --package, --check, --force (paths: `paths`)
  bool package_option = false;
};

std::string default_output(const std::string& path, const std::string& to) {
  std::string stem = path;
  if (size_t slash = stem.rfind('/'), dot = stem.rfind('.'); dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    stem.resize(dot);
  }
  return stem + (to == "ipynb" ? ".ipynb" : ".py");
}

// Converts one input's bytes; errors carry the input's line where there is one.
util::Result<std::string> convert_bytes(const ConvertArgs& args, std::string input, const std::string& update_bytes) {
  convert::Form form = convert::detect_form(input);
  if (!args.from.empty()) {
    form = args.from == "percent" ? convert::Form::percent
         : args.from == "databricks" ? convert::Form::databricks
                                     : convert::Form::ipynb;
  }
  if (args.to == "ipynb") {
    util::Result<convert::TextNotebook> text = util::make_error("");
    if (form == convert::Form::percent) {
      text = convert::read_percent(input);
    } else if (form == convert::Form::databricks) {
      text = convert::read_databricks(input);
    } else if (form == convert::Form::ipynb) {
      return util::make_error("already a Jupyter notebook (use --from to read it as text)");
    } else {
      return util::make_error("neither a percent script (no '# %%' cell marker) nor a Databricks source notebook "
                              "(first line is not '# Databricks notebook source')", 1, 1);
    }
    if (!text) return text.error();
    auto bytes = convert::to_ipynb(*text);
    if (!bytes || update_bytes.empty()) return bytes;
    auto merged = convert::update_notebook(update_bytes, *bytes);
    if (!merged) return util::make_error(args.update + ": " + merged.error().located());
    return merged;
  }
  if (form != convert::Form::ipynb) {
    return util::make_error(std::string("expected a Jupyter notebook, found a ") + convert::form_name(form) + " file", 1, 1);
  }
  auto nb = notebook::read_notebook(std::move(input));
  if (!nb) return nb.error();
  if (args.to == "databricks") return convert::write_databricks(*nb);
  convert::PercentOptions options;
  options.keep_ids = args.keep_ids;
  options.version = "nbloop-" NBLOOP_VERSION;
  return convert::write_percent(*nb, options);
}

int run_convert(const ConvertArgs& args) {
  if (args.to.empty() || args.to == "package") {
    if (!args.from.empty() || !args.output.empty() || !args.update.empty() || args.keep_ids) {
      report_usage_error("--from, -o/--output, --update and --keep-ids apply to the text forms (--to percent, "
                         "databricks or ipynb), not to a package (use --out DIR)");
      return k_exit_error;
    }
    PackageArgs package = args.package;
    package.paths = args.paths;
    return run_package(package);
  }
  if (args.to != "percent" && args.to != "databricks" && args.to != "ipynb") {
    report_usage_error("--to: expected package, percent, databricks or ipynb, got '" + args.to + "'");
    return k_exit_error;
  }
  if (args.package_option) {
    report_usage_error("--out, --package, --check and --force apply to --to package (nb2py)");
    return k_exit_error;
  }
  if (!args.from.empty() && args.from != "percent" && args.from != "databricks" && args.from != "ipynb") {
    report_usage_error("--from: expected percent, databricks or ipynb, got '" + args.from + "'");
    return k_exit_error;
  }
  if (!args.update.empty() && args.to != "ipynb") {
    report_usage_error("--update applies to --to ipynb only");
    return k_exit_error;
  }
  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"-"} : args.paths;
  if (paths.size() > 1 && !args.output.empty() && args.output != "-") {
    report_usage_error("-o/--output takes one input file (or '-': every output to stdout, in order)");
    return k_exit_error;
  }
  std::string update_bytes;
  if (!args.update.empty()) {
    auto u = util::read_file(args.update);
    if (!u) {
      report_error(args.update, u.error());
      return k_exit_error;
    }
    update_bytes = std::move(*u);
  }
  // Files are converted (and written) in parallel; messages come out in input order.
  struct Outcome {
    std::string error_path;
    util::Error error;
    bool failed = false;
    std::string output;  // stdout only
  };
  std::vector<Outcome> outcomes(paths.size());
  auto process = [&](size_t i) {
    const std::string& path = paths[i];
    Outcome& o = outcomes[i];
    auto fail = [&](const std::string& where, util::Error e) {
      o.failed = true;
      o.error_path = where;
      o.error = std::move(e);
    };
    auto input = path == "-" ? util::read_stdin() : util::read_file(path);
    if (!input) return fail(path == "-" ? "<stdin>" : path, input.error());
    auto out = convert_bytes(args, std::move(*input), update_bytes);
    if (!out) return fail(path == "-" ? "<stdin>" : path, out.error());
    std::string target = !args.output.empty() ? args.output : (path == "-" ? "-" : default_output(path, args.to));
    if (target == path && path != "-") return fail(path, util::make_error("output would overwrite the input; give -o"));
    if (target == "-") {
      o.output = std::move(*out);
      return;
    }
    if (auto w = util::atomic_write(target, *out); !w) fail(target, w.error());
  };
  const bool reads_stdin = std::find(paths.begin(), paths.end(), "-") != paths.end();
  if (reads_stdin || paths.size() == 1) {
    for (size_t i = 0; i < paths.size(); ++i) process(i);
  } else {
    // Writing waits on fsync; more threads than cores keep the disk busy.
    util::parallel_for(paths.size(), std::max(util::default_threads(), 8u), process);
  }
  int status = k_exit_ok;
  for (auto& o : outcomes) {
    if (o.failed) {
      report_error(o.error_path, o.error);
      status = k_exit_error;
    } else if (!o.output.empty()) {
      if (auto w = util::write_all(STDOUT_FILENO, o.output); !w) {
        report_error("<stdout>", w.error());
        return k_exit_error;
      }
    }
  }
  return status;
}

}  // namespace

Runner setup_convert(CLI::App& app) {
  auto args = std::make_shared<ConvertArgs>();
  app.add_option("paths", args->paths,
                 "Notebooks (or folders) to convert; none: [tool.nbloop.convert] notebooks (package) or stdin (text)");
  app.add_option("--to", args->to, "package (default: the nb2py package builder) | percent | databricks | ipynb");
  auto package_option = [args](CLI::Option* o) {
    o->each([args](const std::string&) { args->package_option = true; });
    return o;
  };
  package_option(app.add_option("--out", args->package.out,
                                "Package: the project folder to write into (default: the pyproject.toml's, else .)"));
  package_option(app.add_option("--package", args->package.package,
                                "Package: the package name (overrides [tool.nbloop.convert] package and mapping)"));
  app.add_flag_callback("--check", [args] { args->package.check = args->package_option = true; },
                        "Package: write nothing; exit 1 listing the files that would change (the CI drift check)");
  app.add_flag_callback("--force", [args] { args->package.force = args->package_option = true; },
                        "Package: overwrite generated files edited by hand, and files nb2py did not write");
  app.add_option("--from", args->from, "Force the input form: percent | databricks | ipynb (default: from content)");
  app.add_option("-o,--output", args->output, "Output file, '-' for stdout (default: input name with .py/.ipynb)");
  app.add_option("--update", args->update, "With --to ipynb: take outputs, ids and metadata from this notebook for unchanged cells");
  app.add_flag("--keep-ids", args->keep_ids, "With --to percent: write each cell's id in its header (id=\"...\")");
  return [args] { return run_convert(*args); };
}

}  // namespace nbloop::cli
