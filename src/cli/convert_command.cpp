// `nbloop convert` / `nb2py`: not built yet; says so rather than pretending.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "util/exit_status.hpp"

namespace nbloop::cli {

Runner setup_convert(CLI::App& app) {
  auto args = std::make_shared<std::vector<std::string>>();
  app.add_option("args", *args, "Notebooks and options")->expected(0, -1);
  app.allow_extras();
  return [args] {
    report_usage_error("convert (nb2py) is not available yet in this version of nbloop");
    return static_cast<int>(k_exit_error);
  };
}

}  // namespace nbloop::cli
