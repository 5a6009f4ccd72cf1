#include "cli/diagnostics.hpp"

#include <cstdio>

namespace nbloop::cli {

void report_error(const std::string& path, const util::Error& error) {
  if (error.line > 0) {
    std::fprintf(stderr, "%s:%d:%d: error: %s\n", path.c_str(), error.line, error.column, error.message.c_str());
  } else {
    std::fprintf(stderr, "%s: error: %s\n", path.c_str(), error.message.c_str());
  }
}

void report_usage_error(const std::string& message) {
  std::fputs(("nbloop: error: " + message + "\n").c_str(), stderr);
}

void report_warning(const std::string& path, const std::string& message) {
  std::fputs((path + ": warning: " + message + "\n").c_str(), stderr);
}

}  // namespace nbloop::cli
