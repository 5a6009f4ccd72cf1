// Recognises a raw nbformat 4 cell that is already in Jupyter's layout, so that
// write_notebook can copy it instead of building and re-serialising it.
#pragma once

#include <string_view>

namespace nbloop::notebook {

/// True when `cell_span` (a validated raw cell object of an nbformat 4 notebook) is byte
/// for byte what write_notebook writes for that cell at its place in the `cells` list
/// (indent level 2): keys sorted and unique, nbformat's indentation and separators,
/// strings escaped as Python's json escapes them, numbers as Python prints them, the
/// source a list of lines as str.splitlines(keepends=True) splits it, no transient
/// `trusted` metadata; a code cell's outputs as the writer rewrites them (stream text
/// and text/*, JavaScript and SVG data as lines, other non-JSON data as one string;
/// stream, display_data, execute_result and error outputs only). Cells with attachments
/// are never accepted. False never changes a result, only its cost.
bool cell_is_verbatim(std::string_view cell_span);

}  // namespace nbloop::notebook
