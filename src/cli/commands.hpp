// The table of nbloop's subcommands: name, one-line description, and the function that
// declares its options and returns the code to run.
#pragma once

#include <functional>
#include <vector>

namespace CLI {
class App;
}

namespace nbloop::cli {

/// Runs a parsed command and returns its exit status.
using Runner = std::function<int()>;

struct Command {
  const char* name;
  const char* description;
  Runner (*setup)(CLI::App& app);
};

/// Every subcommand, in the order `nbloop --help` lists them.
const std::vector<Command>& commands();

Runner setup_strip(CLI::App& app);
Runner setup_convert(CLI::App& app);
Runner setup_diff(CLI::App& app);
Runner setup_lint(CLI::App& app);
Runner setup_rules(CLI::App& app);
Runner setup_check(CLI::App& app);
Runner setup_init(CLI::App& app);
Runner setup_filter_process(CLI::App& app);
Runner setup_merge(CLI::App& app);

}  // namespace nbloop::cli
