// How the CLI reports problems: one line on stderr, location first.
#pragma once

#include <string>

#include "util/result.hpp"

namespace nbloop::cli {

/// Prints "PATH:LINE:COL: error: MESSAGE" (or "PATH: error: MESSAGE") to stderr.
void report_error(const std::string& path, const util::Error& error);

/// Prints "nbloop: error: MESSAGE" to stderr (usage problems without a file).
void report_usage_error(const std::string& message);

/// Prints "PATH: warning: MESSAGE" to stderr.
void report_warning(const std::string& path, const std::string& message);

}  // namespace nbloop::cli
