// Python names for what nb2py generates: which package and module names are valid, and the
// module name a notebook's file name gives.
#pragma once

#include <string>
#include <string_view>

namespace nbloop::convert::package {

/// True for an ASCII Python identifier ([A-Za-z_][A-Za-z0-9_]*) that is not a keyword.
bool is_module_name(std::string_view name);

/// True for a hard Python keyword (`class`, `def`, `None`, …; soft keywords such as `match`
/// are valid names).
bool is_keyword(std::string_view name);

/// Why `name` cannot name a package or module, or "" when it can.
std::string invalid_name_reason(std::string_view name);

/// The module name for a notebook file name (without folder): lowercase; runs of characters
/// other than letters, digits and `_` become one `_`; a leading numbering such as `01_` or
/// `2-` is dropped (nbdev numbers its notebooks); a name that is still not valid gets an
/// `nb_` prefix (leading digit, empty) or a `_` suffix (keyword, PEP 8). Non-ASCII letters
/// become `_` (ASCII names are portable across file systems).
/// `"01 - Data Prep.ipynb"` → `data_prep`, `"class.ipynb"` → `class_`.
std::string module_name_for_notebook(std::string_view file_name);

}  // namespace nbloop::convert::package
