// The server side of git's long-running filter process protocol, version 2 (gitattributes
// "Long Running Filter Process"): handshake, capability negotiation and one reply per file.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "git/pkt_line.hpp"
#include "util/result.hpp"

namespace nbloop::git {

/// One file git asks the filter to convert.
struct FilterRequest {
  std::string command;   ///< "clean" or "smudge"
  std::string pathname;  ///< repository-relative path
  std::map<std::string, std::string> keys;  ///< every key=value git sent (ref, blob, can-delay, …)
};

/// The filter's answer for one file.
struct FilterReply {
  enum class Status { success, error, abort };
  Status status = Status::success;
  std::string content;  ///< the converted bytes (success only)
};

/// Converts one file. It is called once per request, in order, with the file's whole content.
using FilterFunction = std::function<FilterReply(const FilterRequest& request, std::string content)>;

/// What a finished session did.
struct FilterSessionStats {
  size_t requests = 0;
  size_t errors = 0;   ///< files answered with status=error
  bool aborted = false;  ///< status=abort was sent; later files are refused without conversion
};

/// Serves git on `reader`/`writer` until git closes the input. Advertises only `clean` and
/// `smudge` (never `delay`), answering with the subset git offers. Returns the session's
/// counts at a clean end of input; a protocol violation (bad handshake, no version 2, input
/// ending inside a request, a failed write) is an error, after which the stream is unusable.
util::Result<FilterSessionStats> serve_filter_process(PktReader& reader, PktWriter& writer,
                                                      const FilterFunction& filter);

}  // namespace nbloop::git
