// `nbloop diff A B` / `nbloop diff PATH` (against git's index or HEAD): a cell-aware diff;
// `nbloop diff --textconv FILE`: the text git shows for a notebook (percent form of the
// stripped notebook, one summary line per output).
#include <unistd.h>

#include <cstdlib>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "config/pyproject.hpp"
#include "convert/git_blob.hpp"
#include "convert/notebook_diff.hpp"
#include "convert/percent.hpp"
#include "merge/align.hpp"
#include "notebook/notebook.hpp"
#include "strip/strip.hpp"
#include "strip/strip_config.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"

namespace nbloop::cli {
namespace {

struct DiffArgs {
  std::vector<std::string> paths;
  bool textconv = false;
  std::string format = "text";
  std::string color = "auto";
};

int run_textconv(const std::string& path) {
  auto input = path == "-" ? util::read_stdin() : util::read_file(path);
  if (!input) {
    report_error(path, input.error());
    return k_exit_error;
  }
  strip::StripOptions options;
  options.keep_output = true;  // outputs are summarised below, never shown in full
  bool unix_newlines = true;
  auto section = config::load_nearest(".", "strip");
  if (section) {
    if (auto st = strip::apply_config(*section, options, unix_newlines); !st) {
      report_error(section->file, st.error());
      return k_exit_error;
    }
  }
  auto stripped = strip::strip_bytes(std::move(*input), options, true);
  if (!stripped) {
    report_error(path, stripped.error());
    return k_exit_error;
  }
  auto nb = notebook::read_notebook(std::move(*stripped));
  if (!nb) {
    report_error(path, nb.error());
    return k_exit_error;
  }
  convert::PercentOptions percent;
  percent.summarize_outputs = true;
  percent.version = "nbloop-" NBLOOP_VERSION;
  std::string text = convert::write_percent(*nb, percent);
  if (auto w = util::write_all(STDOUT_FILENO, text); !w) {
    report_error("<stdout>", w.error());
    return k_exit_error;
  }
  return k_exit_ok;
}

int run_diff(const DiffArgs& args) {
  if (args.format != "text" && args.format != "json") {
    report_usage_error("--output-format: expected text or json, got '" + args.format + "'");
    return k_exit_error;
  }
  if (args.color != "auto" && args.color != "always" && args.color != "never") {
    report_usage_error("--color: expected auto, always or never, got '" + args.color + "'");
    return k_exit_error;
  }
  if (args.textconv) {
    if (args.paths.size() != 1) {
      report_usage_error("--textconv takes exactly one FILE");
      return k_exit_error;
    }
    return run_textconv(args.paths[0]);
  }
  if (args.paths.empty() || args.paths.size() > 2) {
    report_usage_error("expected A B (two notebooks) or PATH (compared with git's index or HEAD)");
    return k_exit_error;
  }
  std::string bytes_a, bytes_b, label_a, label_b;
  if (args.paths.size() == 2) {
    auto a = util::read_file(args.paths[0]);
    if (!a) {
      report_error(args.paths[0], a.error());
      return k_exit_error;
    }
    auto b = util::read_file(args.paths[1]);
    if (!b) {
      report_error(args.paths[1], b.error());
      return k_exit_error;
    }
    bytes_a = std::move(*a);
    bytes_b = std::move(*b);
    label_a = args.paths[0];
    label_b = args.paths[1];
  } else {
    const std::string& path = args.paths[0];
    auto b = util::read_file(path);
    if (!b) {
      report_error(path, b.error());
      return k_exit_error;
    }
    auto a = convert::read_git_base(path, &label_a);
    if (!a) {
      report_error(path, a.error());
      return k_exit_error;
    }
    bytes_a = std::move(*a);
    bytes_b = std::move(*b);
    label_b = path;
  }
  auto nb_a = notebook::read_notebook(std::move(bytes_a));
  if (!nb_a) {
    report_error(label_a, nb_a.error());
    return k_exit_error;
  }
  auto nb_b = notebook::read_notebook(std::move(bytes_b));
  if (!nb_b) {
    report_error(label_b, nb_b.error());
    return k_exit_error;
  }
  auto views_a = merge::cell_views(*nb_a);
  auto views_b = merge::cell_views(*nb_b);
  merge::Alignment alignment = merge::align_cells(views_a, views_b);
  std::vector<convert::CellRow> rows;
  rows.reserve(alignment.pairs.size());
  for (const auto& p : alignment.pairs) {
    rows.push_back({p.a == merge::k_no_cell ? convert::k_no_cell : p.a, p.b == merge::k_no_cell ? convert::k_no_cell : p.b});
  }
  std::vector<convert::CellRow> moves;
  for (const auto& m : alignment.moves) moves.push_back({m.a, m.b});
  convert::DiffOptions options;
  options.label_a = label_a;
  options.label_b = label_b;
  options.color = args.format == "text" &&
                  (args.color == "always" || (args.color == "auto" && isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr));
  convert::DiffReport report = convert::diff_notebooks(*nb_a, *nb_b, rows, moves, options);
  const std::string& out = args.format == "json" ? report.json : report.text;
  if (auto w = util::write_all(STDOUT_FILENO, out); !w) {
    report_error("<stdout>", w.error());
    return k_exit_error;
  }
  return report.different ? k_exit_findings : k_exit_ok;
}

}  // namespace

Runner setup_diff(CLI::App& app) {
  auto args = std::make_shared<DiffArgs>();
  app.add_option("paths", args->paths, "A B (two notebooks), or PATH (against git's index, else HEAD)");
  app.add_flag("--textconv", args->textconv, "Print FILE as git's textconv: percent form, outputs summarised");
  app.add_option("--output-format", args->format, "text (default) or json");
  app.add_option("--color", args->color, "auto (default: on a terminal, unless NO_COLOR), always, never");
  return [args] { return run_diff(*args); };
}

}  // namespace nbloop::cli
