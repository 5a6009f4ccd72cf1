#include "cli/diagnostics.hpp"

#include <cstdio>

namespace nbloop::cli {

void report_error(const std::string& path, const util::Error& error) {
  std::string line = path;
  if (error.line > 0) {
    line += ":" + std::to_string(error.line) + ":" + std::to_string(error.column);
  }
  line += ": error: " + error.message + "\n";
  std::fputs(line.c_str(), stderr);
}

void report_usage_error(const std::string& message) {
  std::fputs(("nbloop: error: " + message + "\n").c_str(), stderr);
}

void report_warning(const std::string& path, const std::string& message) {
  std::fputs((path + ": warning: " + message + "\n").c_str(), stderr);
}

}  // namespace nbloop::cli
