// Serializes a json::Value exactly as Python's json.dumps does for the options nbformat uses.
#pragma once

#include <string>

#include "notebook/json.hpp"

namespace nbloop::notebook::json {

struct DumpOptions {
  int indent = 1;             ///< spaces per level; negative = compact (", " and ": ")
  bool ensure_ascii = false;  ///< escape non-ASCII as \uXXXX (nbformat 3's writer does)
  bool sort_keys = true;
};

/// Appends json.dumps(value, indent=…, sort_keys=…, ensure_ascii=…, separators=(",", ": "))
/// to `out`. Duplicate keys collapse to the last one, as in a Python dict.
void dump(const Value& value, std::string& out, const DumpOptions& options = {});

/// Python's repr() of a float, e.g. 1e-05, 1000000000000000.0, 1.8758926391601562.
std::string python_float_repr(double value);

/// Appends a JSON string literal for decoded text, escaped as Python's json does.
void dump_string(std::string_view decoded, std::string& out, bool ensure_ascii);

}  // namespace nbloop::notebook::json
