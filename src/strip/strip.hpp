// The strip policy: nbstripout 0.9.1's semantics applied to an in-memory notebook.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "notebook/notebook.hpp"
#include "util/result.hpp"

namespace nbloop::strip {

/// What to strip. Defaults are `nbstripout --keep-id`.
struct StripOptions {
  std::optional<bool> keep_output;  ///< unset: notebook metadata `keep_output` may decide
  bool keep_count = false;
  bool keep_id = true;  ///< false renumbers ids "0", "1", … (nbstripout's default)
  std::vector<std::string> extra_keys;          ///< added to the default strip list
  std::vector<std::string> keep_metadata_keys;  ///< removed from the strip list
  bool drop_empty_cells = false;
  std::vector<std::string> drop_tagged_cells;  ///< every tag applies
  bool strip_init_cells = false;
  uint64_t max_size = 0;  ///< keep outputs whose size (sum of string lengths) is <= this
  std::vector<std::string> keep_output_types;  ///< TYPE or TYPE:name
  std::vector<std::string> drop_output_types;  ///< TYPE or TYPE:name
  std::optional<std::string> strip_regex;      ///< drop outputs whose text matches (nbstripout-fast)
};

/// nbstripout's default list of metadata keys to strip.
const std::vector<std::string>& default_strip_keys();

/// Parses a size such as 200, 10k, 2M, 1G (powers of 1000, as nbstripout does).
util::Result<uint64_t> parse_size(std::string_view text);

/// Strips `nb` in place. Fails only when a cell's metadata contradicts itself (`keep_output`
/// false but tagged `keep_output`), naming the cell, or on an invalid regex.
util::Status strip_notebook(notebook::Notebook& nb, const StripOptions& options);

}  // namespace nbloop::strip

namespace nbloop::strip {

/// Reads notebook bytes, strips them and returns Jupyter's bytes for the result.
/// Errors: those of notebook::read_notebook and strip_notebook.
util::Result<std::string> strip_bytes(std::string input, const StripOptions& options, bool unix_newlines = false);

/// Like strip_bytes, without copying the input (the caller keeps it for comparison).
util::Result<std::string> strip_borrowed(std::string_view input, const StripOptions& options,
                                         bool unix_newlines = false);

}  // namespace nbloop::strip
