// tree-sitter parsing of Python source (cells and .py files).
#pragma once

#include <memory>
#include <string_view>

struct TSTree;
struct TSLanguage;

namespace nbloop::python {

/// The pinned tree-sitter runtime and Python grammar versions (from scripts/deps.lock).
std::string_view tree_sitter_version();
std::string_view grammar_version();

/// The Python grammar.
const TSLanguage* language();

struct TreeDeleter {
  void operator()(TSTree* tree) const;
};
using Tree = std::unique_ptr<TSTree, TreeDeleter>;

/// Parses UTF-8 Python source. The tree refers to offsets in `source`.
Tree parse(std::string_view source);

/// True when the tree contains an ERROR or MISSING node.
bool has_error(const TSTree* tree);

}  // namespace nbloop::python
