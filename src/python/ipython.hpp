// IPython-only syntax in notebook cells: masking it with same-length placeholders so that
// tree-sitter-python parses the cell and every byte offset stays true.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nbloop::python {

/// What a cell's first line says about the language of its body.
enum class CellMagic : uint8_t {
  none,         ///< no cell magic: the cell is Python (after masking)
  python_body,  ///< `%%time`, `%%timeit`, `%%capture`, …: the body is Python
  other,        ///< `%%bash`, `%%html`, `%%sql`, `%%writefile`, …: not Python, skip the cell
};

/// Classifies the cell magic on the first line of `source`, if any.
CellMagic classify_cell_magic(std::string_view source);

/// The result of masking: the text to parse and the lines that were replaced.
struct MaskedSource {
  std::string text;                      ///< same length as the input, same line breaks
  std::vector<uint32_t> escape_offsets;  ///< byte offset of each masked statement's start
};

/// Replaces IPython-only lines (line magics `%x`, shell `!cmd`, `x = !cmd`, `a = %pwd`,
/// help `obj?` / `??obj`, automagics such as `pip install x`, and a Python-bodied cell
/// magic's first line) with placeholders of the same byte length. A placeholder is the
/// expression `0` padded with spaces (or, after `x = `, the value only), so blocks made of
/// magics still parse. Lines inside multi-line strings and comments are never touched;
/// a magic ending in a backslash continues on the next line, which is masked too.
MaskedSource mask_ipython(std::string_view source);

}  // namespace nbloop::python
