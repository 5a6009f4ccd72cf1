#include "cli/commands.hpp"

namespace nbloop::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"strip", "Remove outputs, execution counts and volatile metadata (nbstripout-compatible)", setup_strip},
      {"lint", "Lint notebooks and .py files with shared rules (ruff-compatible codes)", setup_lint},
      {"rules", "List the lint rules or explain one", setup_rules},
      {"diff", "Cell-aware diff of two notebooks, or of one against git; git textconv (--textconv)", setup_diff},
      {"convert", "Convert notebooks to a Python package or text forms (also run as nb2py)", setup_convert},
      {"check", "The CI gate: notebooks stripped, lint clean, package in sync; staged or changed-since files", setup_check},
      {"init", "Install nbloop into a repository: filters, diff and merge drivers, attributes, hook", setup_init},
      {"filter-process", "git's long-running filter process (run by git, configured by `nbloop init`)", setup_filter_process},
      {"merge", "Three-way cell-aware notebook merge; git's merge driver (nbloop merge %O %A %B %L %P)", setup_merge},
  };
  return table;
}

}  // namespace nbloop::cli
