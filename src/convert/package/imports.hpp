// Import statements taken apart into single imported names, deduplicated, and written
// back grouped the way isort and ruff group them: __future__, standard library, third
// party, local; `import x` lines before `from x import y` lines, each group sorted.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

namespace nbloop::convert::package {

/// One imported name: `import numpy as np`, `from os import path`, `from m import *`.
struct ImportPiece {
  bool from = false;      ///< a `from M import N` form
  bool future = false;    ///< from __future__
  std::string module;     ///< "numpy", "os.path", ".utils" (relative keeps its dots)
  std::string name;       ///< from-imports: the name imported ("*" for a star import)
  std::string alias;      ///< the `as` name, or ""
  uint32_t bound_at = 0;  ///< offset of the node the analysis binds (alias, or the name)

  /// The top-level module ("numpy" for "numpy.linalg"; "" for relative imports).
  [[nodiscard]] std::string top_level() const;
  bool operator==(const ImportPiece& o) const {
    return from == o.from && module == o.module && name == o.name && alias == o.alias;
  }
};

/// `import MODULE` when `name` is empty, else `from MODULE import NAME`.
ImportPiece plain_import(std::string module, std::string name = "");


/// The pieces of an import statement node (import, from-import or __future__) of `src`.
std::vector<ImportPiece> import_pieces(TSNode statement, std::string_view src);

/// Where an import goes when grouped.
enum class ImportGroup : uint8_t { future, stdlib, third_party, local };

/// The group of a piece: relative imports and the package's own modules are local.
ImportGroup import_group(const ImportPiece& piece, std::string_view package);

/// Writes the pieces (duplicates removed) as grouped import lines, groups separated by a
/// blank line; `from` lines longer than `line_length` are wrapped in parentheses, one
/// name per line. Ends with a newline unless there are no pieces.
std::string render_imports(std::vector<ImportPiece> pieces, std::string_view package, int line_length);

}  // namespace nbloop::convert::package
