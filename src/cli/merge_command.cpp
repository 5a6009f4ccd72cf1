// `nbloop merge`: the three-way notebook merge, usable by hand and as git's merge driver
// (`nbloop merge %O %A %B %L %P`).
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "merge/notebook_merge.hpp"
#include "notebook/notebook.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"
#include "util/parallel.hpp"

namespace nbloop::cli {
namespace {

struct MergeArgs {
  std::string base;
  std::string ours;
  std::string theirs;
  int marker_size_positional = 0;
  std::string path_positional;
  std::string output;
  int marker_size = 0;
  std::string label_ours = "ours";
  std::string label_theirs = "theirs";
  std::string strategy = "markers";
  std::string path;
};

// Below this many input bytes, starting a thread costs more than it saves.
constexpr size_t k_parallel_parse_bytes = 256 * 1024;

bool only_whitespace(const std::string& bytes) {
  return bytes.find_first_not_of(" \t\r\n") == std::string::npos;
}

int run_merge(const MergeArgs& args) {
  const std::string shown = !args.path.empty()               ? args.path
                            : !args.path_positional.empty() ? args.path_positional
                                                            : args.ours;
  merge::MergeOptions options;
  int marker_size = args.marker_size != 0 ? args.marker_size : args.marker_size_positional;
  if (marker_size == 0) {
    marker_size = static_cast<int>(util::k_default_marker_size);
  }
  if (marker_size < 3 || marker_size > 100) {
    report_usage_error("--marker-size: expected a number from 3 to 100, got " + std::to_string(marker_size));
    return k_exit_error;
  }
  options.text.marker_size = static_cast<size_t>(marker_size);
  options.text.label_ours = args.label_ours;
  options.text.label_theirs = args.label_theirs;
  if (args.strategy == "ours") {
    options.text.strategy = merge::Strategy::ours;
  } else if (args.strategy == "theirs") {
    options.text.strategy = merge::Strategy::theirs;
  } else if (args.strategy == "union") {
    options.text.strategy = merge::Strategy::union_;
  } else {
    options.text.strategy = merge::Strategy::markers;
  }

  // Read and parse all three before touching anything.
  struct Input {
    const std::string& path;
    std::string bytes;
  };
  Input inputs[] = {{args.base, {}}, {args.ours, {}}, {args.theirs, {}}};
  for (Input& in : inputs) {
    auto bytes = util::read_file(in.path);
    if (!bytes) {
      report_error(in.path, bytes.error());
      return k_exit_error;
    }
    in.bytes = std::move(*bytes);
  }
  auto parse = [](Input& in) -> util::Result<notebook::Notebook> {
    if (only_whitespace(in.bytes)) {
      return util::make_error("not a notebook: the file is empty");
    }
    // Cells stay raw until the merge needs them: untouched cells are copied as they are.
    return notebook::read_notebook(std::move(in.bytes), notebook::ReadOptions{.lazy_cells = true});
  };
  // Both sides added the file: git passes an empty base.
  const bool empty_base = only_whitespace(inputs[0].bytes);
  // Parsing is most of the work on large notebooks; the three are independent.
  std::optional<util::Result<notebook::Notebook>> parsed[3];
  const size_t total = inputs[0].bytes.size() + inputs[1].bytes.size() + inputs[2].bytes.size();
  util::parallel_for(3, total >= k_parallel_parse_bytes ? 2 : 1, [&](size_t i) {
    if (i != 0 || !empty_base) {
      parsed[i].emplace(parse(inputs[i]));
    }
  });
  auto& ours = *parsed[1];
  if (!ours) {
    report_error(args.ours, ours.error());
    return k_exit_error;
  }
  auto& theirs = *parsed[2];
  if (!theirs) {
    report_error(args.theirs, theirs.error());
    return k_exit_error;
  }
  if (empty_base) {
    parsed[0].emplace(merge::empty_notebook(ours->major));
  }
  auto& base = *parsed[0];
  if (!base) {
    report_error(args.base, base.error());
    return k_exit_error;
  }
  auto merged = merge::merge_notebooks(*base, *ours, *theirs, options);
  if (!merged) {
    report_error(shown, merged.error());
    return k_exit_error;
  }
  const std::string& out = args.output.empty() ? args.ours : args.output;
  if (out == "-") {
    if (auto w = util::write_all(STDOUT_FILENO, merged->bytes); !w) {
      report_error("<stdout>", w.error());
      return k_exit_error;
    }
  } else if (auto w = util::atomic_write(out, merged->bytes); !w) {
    report_error(out, w.error());
    return k_exit_error;
  }
  for (const merge::MergeNote& note : merged->notes) {
    std::string where = note.cell == 0 ? shown : shown + ":cell " + std::to_string(note.cell);
    std::fprintf(stderr, "%s: %s: %s\n", where.c_str(), note.conflict ? "conflict" : "note", note.message.c_str());
  }
  return merged->conflicts == 0 ? k_exit_ok : k_exit_findings;
}

}  // namespace

Runner setup_merge(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  app.add_option("base", args->base, "The common ancestor (git's %O)")->required();
  app.add_option("ours", args->ours, "Our version (git's %A); the result is written here unless -o")->required();
  app.add_option("theirs", args->theirs, "Their version (git's %B)")->required();
  app.add_option("marker_size", args->marker_size_positional, "Conflict-marker size (git's %L), same as --marker-size");
  app.add_option("path", args->path_positional, "The path being merged (git's %P), used in messages");
  app.add_option("-o,--output", args->output, "Write the result here instead of OURS ('-': standard output)");
  app.add_option("--marker-size", args->marker_size, "Conflict-marker size (default 7)");
  app.add_option("--label-ours", args->label_ours, "Label after <<<<<<< (default 'ours')");
  app.add_option("--label-theirs", args->label_theirs, "Label after >>>>>>> (default 'theirs')");
  app.add_option("--strategy", args->strategy, "On conflict: markers (default), ours, theirs or union")
      ->check(CLI::IsMember({"markers", "ours", "theirs", "union"}));
  app.add_option("--path", args->path, "The path shown in messages (default OURS)");
  return [args] { return run_merge(*args); };
}

}  // namespace nbloop::cli
