#include "git/filter_process.hpp"

#include <algorithm>
#include <set>
#include <vector>

namespace nbloop::git {
namespace {

util::Status handshake(PktReader& reader, PktWriter& writer, std::set<std::string>& accepted) {
  bool at_end = false;
  auto welcome = reader.read_text_list(&at_end);
  if (!welcome) {
    return welcome.error();
  }
  if (at_end || welcome->empty() || (*welcome)[0] != "git-filter-client") {
    return util::make_error("protocol error: expected 'git-filter-client' (this command is run by git; see `nbloop init`)");
  }
  if (std::find(welcome->begin() + 1, welcome->end(), "version=2") == welcome->end()) {
    return util::make_error("protocol error: git did not offer version=2 of the filter protocol");
  }
  if (auto st = writer.write_text("git-filter-server"); !st) return st;
  if (auto st = writer.write_text("version=2"); !st) return st;
  if (auto st = writer.write_flush(); !st) return st;
  if (auto st = writer.flush(); !st) return st;

  auto offered = reader.read_text_list();
  if (!offered) {
    return offered.error();
  }
  for (const auto& line : *offered) {
    if (line == "capability=clean" || line == "capability=smudge") {
      accepted.insert(line.substr(std::string("capability=").size()));
    }
  }
  // Stable order: clean then smudge, as git's own example filter answers.
  for (const char* name : {"clean", "smudge"}) {
    if (accepted.count(name) != 0) {
      if (auto st = writer.write_text(std::string("capability=") + name); !st) return st;
    }
  }
  if (auto st = writer.write_flush(); !st) return st;
  return writer.flush();
}

util::Status send_status(PktWriter& writer, const char* status) {
  if (auto st = writer.write_text(std::string("status=") + status); !st) return st;
  if (auto st = writer.write_flush(); !st) return st;
  return writer.flush();
}

}  // namespace

util::Result<FilterSessionStats> serve_filter_process(PktReader& reader, PktWriter& writer,
                                                      const FilterFunction& filter) {
  std::set<std::string> accepted;
  if (auto st = handshake(reader, writer, accepted); !st) {
    return st.error();
  }
  FilterSessionStats stats;
  for (;;) {
    bool at_end = false;
    auto keys = reader.read_text_list(&at_end);
    if (!keys) {
      return keys.error();
    }
    if (at_end) {
      return stats;
    }
    FilterRequest request;
    for (auto& line : *keys) {
      auto eq = line.find('=');
      if (eq == std::string::npos) {
        return util::make_error("protocol error: expected key=value, got '" + line + "'");
      }
      request.keys[line.substr(0, eq)] = line.substr(eq + 1);
    }
    request.command = request.keys["command"];
    request.pathname = request.keys["pathname"];
    std::string content;
    if (auto st = reader.read_content(content); !st) {
      return st.error();
    }
    ++stats.requests;
    // The whole content and its flush are read before any answer, as the protocol requires.
    if (stats.aborted) {
      if (auto st = send_status(writer, "abort"); !st) return st.error();
      continue;
    }
    if (accepted.count(request.command) == 0) {
      ++stats.errors;
      if (auto st = send_status(writer, "error"); !st) return st.error();
      continue;
    }
    FilterReply reply = filter(request, std::move(content));
    if (reply.status == FilterReply::Status::abort) {
      stats.aborted = true;
      if (auto st = send_status(writer, "abort"); !st) return st.error();
      continue;
    }
    if (reply.status == FilterReply::Status::error) {
      ++stats.errors;
      if (auto st = send_status(writer, "error"); !st) return st.error();
      continue;
    }
    if (auto st = writer.write_text("status=success"); !st) return st.error();
    if (auto st = writer.write_flush(); !st) return st.error();
    if (auto st = writer.write_content(reply.content); !st) return st.error();
    if (auto st = writer.write_flush(); !st) return st.error();
    // An empty trailing list keeps status=success.
    if (auto st = writer.write_flush(); !st) return st.error();
    if (auto st = writer.flush(); !st) return st.error();
  }
}

}  // namespace nbloop::git
