// `--update`: carries outputs, execution counts, ids and the metadata a text form does not
// hold from an existing notebook into one rebuilt from text, for cells whose source is unchanged.
#pragma once

#include <string>

#include "util/result.hpp"

namespace nbloop::convert {

/// Merges `existing` (Jupyter bytes) into `rebuilt` (Jupyter bytes made from text) and
/// returns Jupyter bytes. A rebuilt cell takes the id, outputs, execution count and the
/// text-excluded metadata keys of the first unused existing cell of the same type and
/// source, looked for after the previous match first. Notebook metadata keys the text does
/// not carry (e.g. language_info) come from `existing`. Failure: `existing` unreadable.
util::Result<std::string> update_notebook(const std::string& existing, const std::string& rebuilt);

}  // namespace nbloop::convert
