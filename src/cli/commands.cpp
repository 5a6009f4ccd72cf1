#include "cli/commands.hpp"

namespace nbloop::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"strip", "Remove outputs, execution counts and volatile metadata (nbstripout-compatible)", setup_strip},
      {"convert", "Convert notebooks to a Python package or text forms (also run as nb2py)", setup_convert},
  };
  return table;
}

}  // namespace nbloop::cli
