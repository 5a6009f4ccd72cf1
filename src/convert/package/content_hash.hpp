// SHA-256 of generated text: the content hash nb2py records in every generated file's header.
#pragma once

#include <string>
#include <string_view>

namespace nbloop::convert::package {

/// The SHA-256 digest of `bytes` as 64 lowercase hex digits (what `sha256sum` prints).
std::string sha256_hex(std::string_view bytes);

}  // namespace nbloop::convert::package
