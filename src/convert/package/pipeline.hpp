// One nb2py run as a value: config → notebooks → generate (in parallel) → lay out the package
// → compare with the disk, giving every file's action and the run's messages in order; then,
// separately, the writes (all or nothing). `nb2py` prints it, `nbloop check` judges it.
#pragma once

#include <string>
#include <vector>

#include "convert/package/write_plan.hpp"

namespace nbloop::convert::package {

/// What a run is asked to do: nb2py's options, as the command line gave them.
struct RunOptions {
  std::string start_dir = ".";     ///< where the nearest pyproject.toml is looked for
  std::vector<std::string> paths;  ///< notebooks or folders; empty: [tool.nbloop.convert] notebooks
  std::string out;                 ///< output folder; empty: the pyproject.toml's folder, else "."
  std::string package;             ///< overrides the config's package and mapping
  bool force = false;              ///< plan to overwrite files edited by hand or not made by nb2py
};

enum class Severity { warning, error };

/// A message of a run. `cell` > 0: located in that notebook cell (`line`/`column` within
/// it, 0: unknown); otherwise `line`/`column` are the file's own (0: the whole file). An
/// empty `path` is a usage problem, about no file.
struct RunMessage {
  Severity severity = Severity::error;
  std::string path;
  int cell = 0;
  int line = 0;
  int column = 0;
  std::string message;
};

/// The one-line form: `PATH:cell N:LINE:COL: error: MESSAGE` (a column of 0 shown as 1),
/// `PATH:LINE:COL: error: MESSAGE`, `PATH: warning: MESSAGE`, or `nbloop: error: MESSAGE`
/// when there is no path.
std::string format_message(const RunMessage& m);

/// Where a run stopped, when it did not get to a plan.
enum class Stop {
  none,       ///< planned: `PackageRun::plan` holds every file
  config,     ///< pyproject.toml unreadable, or [tool.nbloop.convert] invalid
  notebooks,  ///< no notebooks, a path that is not one, or no package known for one
  generate,   ///< a notebook unreadable, or one the generator refused (syntax error, kernel…)
  assemble,   ///< the files clash (two notebooks making one module…)
  read,       ///< an existing output file could not be read
};

/// A planned run.
struct PackageRun {
  Stop stopped = Stop::none;
  /// Warnings and errors in the order they arose (generator warnings come even when the
  /// run goes on). An error always comes with `stopped` != none.
  std::vector<RunMessage> messages;
  std::string config_file;             ///< the pyproject.toml read; empty when none
  std::string out_dir;                 ///< the output folder (relative to the working folder)
  std::vector<std::string> notebooks;  ///< the notebooks converted, as named, in header order
  /// When planned: every output file (sorted by path) with its action. `plan.refusals` are
  /// the files a write would refuse (edited by hand, not nb2py's), empty with `force`.
  WritePlan plan;
};

/// Plans the run, reading (never writing) the disk: the config from the nearest
/// pyproject.toml above `start_dir`, the notebooks, and the files already there. Paths in
/// the result are relative to the working folder as the user named them.
PackageRun plan_run(const RunOptions& options);

/// What writing a planned run did.
struct WriteResult {
  enum class Outcome {
    written,     ///< every file `writes()` selects is on disk
    refused,     ///< nothing written: files edited by hand or not nb2py's (no --force)
    unwritable,  ///< nothing written: a folder cannot be written
    failed,      ///< a write failed part-way; what was written was put back
  };
  Outcome outcome = Outcome::written;
  std::vector<RunMessage> messages;  ///< the errors (empty when written)
};

/// Writes a run that `plan_run` planned (`run.stopped` == none), `threads` files at a time.
WriteResult write_run(const PackageRun& run, unsigned threads);

}  // namespace nbloop::convert::package
