// The directives that route a notebook cell in nb2py: from cell tags, from nbloop's
// `# nbloop: ...` comments and from nbdev's `#| ...` comments at the top of a cell.
//
// Semantics (docs/convert.md describes them for users):
// - skip (`# nbloop: skip`, tag `skip`, nbdev `#| hide`, `#| eval: false`): the cell is left
//   out of modules and tests.
// - export (`# nbloop: export`, tag `export`, nbdev `#| export`, `#| exports`): the cell goes
//   to a module and its public names are exported. `#| exporti` exports without listing the
//   names in __all__. As soon as one cell of a notebook carries an export directive the
//   notebook is in *export mode* (nbdev's semantics): only exported cells (and the
//   `parameters` cell) make modules; the other cells are exploration, and their calls and
//   recorded outputs are still used as evidence for regression tests. Without any export
//   directive every cell that is not skipped or a test goes to the module.
// - module=NAME (`# nbloop: module=NAME`, tag `module=NAME`, nbdev `#| export NAME`): routes
//   the cell to module NAME instead of the default one; it does not by itself switch the
//   notebook to export mode.
// - default_exp NAME (nbdev `#| default_exp NAME`, `# nbloop: default_module=NAME`): the
//   notebook's default module.
// - test (`# nbloop: test`, tag `test`): the cell becomes a test function.
// - parameters (tag `parameters`, papermill's convention): the cell's assignments become
//   main()'s keyword arguments. Cells tagged `injected-parameters` (papermill's run-time
//   values) are left out.
// Directive lines are removed from the generated code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nbloop::convert::package {

struct CellDirectives {
  bool skip = false;
  bool export_cell = false;     ///< an export directive (switches the notebook to export mode)
  bool private_export = false;  ///< `#| exporti`: exported, names kept out of __all__
  bool test = false;
  bool parameters = false;
  bool injected_parameters = false;
  std::string module;                ///< module=NAME: route to NAME ("" = the default module)
  std::string default_exp;           ///< the notebook's default module, when this cell names it
  int directive_lines = 0;           ///< leading lines of the source that are directives (blanked)
  std::vector<std::string> unknown;  ///< directives not understood, as written
};

/// Reads the directives of one code cell from its tags and the comment lines at the top
/// of its source (blank lines may come between them).
CellDirectives parse_directives(std::string_view source, const std::vector<std::string>& tags);

}  // namespace nbloop::convert::package
