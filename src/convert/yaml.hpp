// The YAML subset of the percent header: PyYAML's safe_dump(default_flow_style=False)
// for JSON values, and a reader for block YAML that turns it back into JSON text.
#pragma once

#include <string>
#include <string_view>

#include "notebook/json.hpp"
#include "util/result.hpp"

namespace nbloop::convert {

/// Appends `value` (an object) as PyYAML's safe_dump(value, default_flow_style=False)
/// writes it: keys sorted, two-space indentation, indentless sequences, scalars quoted
/// only when YAML would read them as something else, plain scalars folded after column 80.
/// `doc` materializes raw containers.
void yaml_dump(const notebook::json::Document& doc, const notebook::json::Value& value, std::string& out);

/// Parses block YAML (mappings, sequences, plain/quoted scalars, simple flow collections)
/// into JSON text. Errors carry a line number counted from `first_line`.
util::Result<std::string> yaml_to_json(std::string_view yaml, int first_line);

}  // namespace nbloop::convert
