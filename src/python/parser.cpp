#include "python/parser.hpp"

#include <tree_sitter/api.h>

extern "C" const TSLanguage* tree_sitter_python();

namespace nbloop::python {

std::string_view tree_sitter_version() { return NBLOOP_TREE_SITTER_VERSION; }
std::string_view grammar_version() { return NBLOOP_TREE_SITTER_PYTHON_VERSION; }

const TSLanguage* language() { return tree_sitter_python(); }

void TreeDeleter::operator()(TSTree* tree) const { ts_tree_delete(tree); }

Tree parse(std::string_view source) {
  // One parser per thread: parsers are cheap to keep and not thread-safe to share.
  thread_local std::unique_ptr<TSParser, void (*)(TSParser*)> parser(
      [] {
        TSParser* p = ts_parser_new();
        ts_parser_set_language(p, tree_sitter_python());
        return p;
      }(),
      ts_parser_delete);
  return Tree(ts_parser_parse_string(parser.get(), nullptr, source.data(), static_cast<uint32_t>(source.size())));
}

bool has_error(const TSTree* tree) { return ts_node_has_error(ts_tree_root_node(tree)); }

}  // namespace nbloop::python
