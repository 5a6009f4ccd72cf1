// The notebook a text form describes (cells with type, source, metadata and an optional
// id), and how it becomes Jupyter's .ipynb bytes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace nbloop::convert {

/// One cell read from a text form. Metadata values are JSON texts, in the order read.
struct TextCell {
  std::string cell_type;  ///< "code", "markdown" or "raw"
  std::string source;
  std::string id;  ///< empty when the text carried none
  std::vector<std::pair<std::string, std::string>> metadata;

  [[nodiscard]] const std::string* find(std::string_view key) const;
  void set(std::string_view key, std::string json_text);
  bool erase(std::string_view key);
};

/// A notebook read from a text form.
struct TextNotebook {
  std::string metadata_json = "{}";  ///< the notebook metadata object, JSON text
  std::vector<TextCell> cells;
};

/// Jupyter's bytes for the notebook (nbformat 4.5; code cells get empty outputs and a
/// null execution count; cells without an id get a deterministic one).
util::Result<std::string> to_ipynb(const TextNotebook& nb);

}  // namespace nbloop::convert
