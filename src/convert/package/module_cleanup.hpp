// The lint-clean passes over a generated module, with one parse where one is enough.
#pragma once

#include <string>

namespace nbloop::convert::package {

/// drop_unused_main_targets(drop_shadowed_definitions(source), main_name), byte for byte,
/// with one parse and one analysis of the module where the two passes would make two. When
/// no two column-0 definitions share a name (most modules) the shadowed pass has nothing to
/// do and only main()'s text is parsed, as drop_unused_main_targets() does; otherwise the
/// module's tree serves both passes, provided main() is where its text starts and ends and
/// every definition cut comes before it (a main()'s locals are judged the same in the whole
/// module as in main() alone). Anything else runs the two passes one after the other.
std::string lint_clean_module(std::string source, const std::string& main_name);

}  // namespace nbloop::convert::package
