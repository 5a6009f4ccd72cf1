// `nbloop strip`: nbstripout's command line on top of strip::strip_bytes.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "config/pyproject.hpp"
#include "strip/strip.hpp"
#include "strip/strip_config.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"
#include "util/file_walk.hpp"
#include "util/parallel.hpp"

namespace nbloop::cli {
using strip::apply_config;
using strip::split_words;

namespace {

struct StripArgs {
  std::vector<std::string> paths;
  bool to_stdout = false;
  bool dry_run = false;
  bool verify = false;
  bool keep_output = false;
  bool keep_count = false;
  bool keep_id = false;
  bool renumber_ids = false;
  std::vector<std::string> extra_keys;
  std::vector<std::string> keep_metadata_keys;
  bool drop_empty_cells = false;
  std::vector<std::string> drop_tagged_cells;
  bool strip_init_cells = false;
  std::string max_size;
  std::vector<std::string> keep_output_types;
  std::vector<std::string> drop_output_types;
  std::string strip_regex;
  bool force = false;
  bool unix_newlines = false;
  unsigned threads = 0;
};

struct FileResult {
  std::string error_path;
  util::Error error;
  bool failed = false;
  bool changed = false;
  std::string output;  // stdout mode only
};

int run_strip(const StripArgs& args) {
  strip::StripOptions options;
  bool unix_newlines = false;
  auto section = config::load_nearest(".", "strip");
  if (!section) {
    auto path = config::find_pyproject(".");
    report_error(path.value_or("pyproject.toml"), section.error());
    return k_exit_error;
  }
  if (auto st = apply_config(*section, options, unix_newlines); !st) {
    report_error(section->file, st.error());
    return k_exit_error;
  }
  if (args.keep_output) options.keep_output = true;
  if (args.keep_count) options.keep_count = true;
  if (args.keep_id) options.keep_id = true;
  if (args.renumber_ids) options.keep_id = false;
  if (args.drop_empty_cells) options.drop_empty_cells = true;
  if (args.strip_init_cells) options.strip_init_cells = true;
  if (args.unix_newlines) unix_newlines = true;
  auto append = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
    auto words = split_words(from);
    to.insert(to.end(), words.begin(), words.end());
  };
  append(options.extra_keys, args.extra_keys);
  append(options.keep_metadata_keys, args.keep_metadata_keys);
  append(options.drop_tagged_cells, args.drop_tagged_cells);
  append(options.keep_output_types, args.keep_output_types);
  append(options.drop_output_types, args.drop_output_types);
  if (!args.strip_regex.empty()) options.strip_regex = args.strip_regex;
  if (!args.max_size.empty()) {
    auto size = strip::parse_size(args.max_size);
    if (!size) {
      report_usage_error("--max-size: " + size.error().message);
      return k_exit_error;
    }
    options.max_size = *size;
  }
  const bool check_only = args.dry_run || args.verify;

  // No PATH: stdin -> stdout (the git clean-filter form). On error nothing reaches stdout.
  if (args.paths.empty()) {
    auto input = util::read_stdin();
    if (!input) {
      report_error("<stdin>", input.error());
      return k_exit_error;
    }
    auto out = strip::strip_borrowed(*input, options, unix_newlines);
    if (!out) {
      report_error("<stdin>", out.error());
      return k_exit_error;
    }
    if (check_only) {
      if (*out != *input) {
        std::fputs("Dry run: would have stripped input from stdin\n", stdout);
        return args.verify ? k_exit_findings : k_exit_ok;
      }
      return k_exit_ok;
    }
    if (auto w = util::write_all(STDOUT_FILENO, *out); !w) {
      report_error("<stdout>", w.error());
      return k_exit_error;
    }
    return k_exit_ok;
  }

  std::vector<util::WalkEntry> entries = util::expand_paths(args.paths, {".ipynb"});
  std::vector<FileResult> results(entries.size());
  auto process = [&](size_t i) {
    const auto& entry = entries[i];
    FileResult& r = results[i];
    auto fail = [&](util::Error e) {
      r.failed = true;
      r.error = std::move(e);
    };
    if (!entry.error.empty()) {
      fail(util::make_error(entry.error));
      return;
    }
    if (struct stat st {}; ::stat(entry.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      fail(util::make_error("is a directory, expected a notebook file"));
      return;
    }
    if (!args.force && !entry.path.ends_with(".ipynb")) {
      r.error = util::make_error("skipped: not an .ipynb file (use --force to strip it anyway)");
      return;
    }
    auto input = util::read_file(entry.path);
    if (!input) {
      fail(input.error());
      return;
    }
    const std::string& original = *input;
    auto out = strip::strip_borrowed(original, options, unix_newlines);
    if (!out) {
      fail(out.error());
      return;
    }
    if (args.to_stdout) {
      r.output = std::move(*out);
      return;
    }
    r.changed = *out != original;
    if (check_only || !r.changed) {
      return;
    }
    auto written = util::replace_if_changed(entry.path, original, *out);
    if (!written) {
      fail(written.error());
    }
  };
  if (args.to_stdout) {
    // Printed in order, one notebook at a time, so memory stays bounded.
    for (size_t i = 0; i < entries.size(); ++i) {
      process(i);
      if (!results[i].failed && !results[i].output.empty()) {
        if (auto w = util::write_all(STDOUT_FILENO, results[i].output); !w) {
          report_error("<stdout>", w.error());
          return k_exit_error;
        }
        results[i].output.clear();
        results[i].output.shrink_to_fit();
      }
    }
  } else {
    util::parallel_for(entries.size(), args.threads == 0 ? util::default_threads() : args.threads, process);
  }
  int status = k_exit_ok;
  for (size_t i = 0; i < entries.size(); ++i) {
    const FileResult& r = results[i];
    if (r.failed) {
      report_error(entries[i].path, r.error);
      status = k_exit_error;
    } else if (!r.error.message.empty()) {
      report_warning(entries[i].path, r.error.message);
    } else if (check_only && r.changed) {
      std::printf("Dry run: would have stripped %s\n", entries[i].path.c_str());
      if (args.verify && status == k_exit_ok) {
        status = k_exit_findings;
      }
    }
  }
  return status;
}

}  // namespace

Runner setup_strip(CLI::App& app) {
  auto args = std::make_shared<StripArgs>();
  app.add_option("paths", args->paths, "Notebooks or folders (walked for *.ipynb); none: stdin to stdout");
  app.add_flag("-t,--stdout,--textconv", args->to_stdout, "Print the stripped notebook(s) to stdout");
  app.add_flag("--dry-run", args->dry_run, "List the notebooks that would change; write nothing");
  app.add_flag("--verify", args->verify, "Like --dry-run, and exit 1 when any notebook would change");
  app.add_flag("--keep-output", args->keep_output, "Keep outputs");
  app.add_flag("--keep-count", args->keep_count, "Keep execution counts");
  app.add_flag("--keep-id", args->keep_id, "Keep cell ids (the default)");
  app.add_flag("--renumber-ids", args->renumber_ids, "Renumber cell ids 0, 1, … (nbstripout's default)");
  app.add_option("--extra-keys", args->extra_keys, "More metadata keys to strip, e.g. 'metadata.foo cell.metadata.bar'")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--keep-metadata-keys", args->keep_metadata_keys, "Keys to remove from the strip list")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--drop-empty-cells", args->drop_empty_cells, "Remove cells whose source is empty or whitespace");
  app.add_option("--drop-tagged-cells", args->drop_tagged_cells, "Remove cells with any of these tags ('t1 t2')")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--strip-init-cells", args->strip_init_cells, "Also strip cells marked init_cell: true");
  app.add_option("--max-size", args->max_size, "Keep outputs no larger than SIZE (e.g. 10k, 1M)");
  app.add_option("--keep-output-type", args->keep_output_types, "Output types to keep (TYPE or TYPE:name)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--drop-output-type", args->drop_output_types, "Output types to drop (TYPE or TYPE:name)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--strip-regex", args->strip_regex, "Drop outputs whose text/plain or stream text matches this regex");
  app.add_flag("-f,--force", args->force, "Also strip files that do not end in .ipynb");
  app.add_flag("--unix-newlines", args->unix_newlines, "Write LF line endings even when the file used CRLF");
  app.add_option("-j,--threads", args->threads, "Worker threads for in-place stripping (default: all cores)");
  return [args] { return run_strip(*args); };
}

}  // namespace nbloop::cli
