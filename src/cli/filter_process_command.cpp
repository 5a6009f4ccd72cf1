// `nbloop filter-process`: git's long-running filter process. Clean strips notebooks with the
// `[tool.nbloop.strip]` options of the repository's pyproject.toml; smudge and any non-notebook
// content pass through unchanged. Only stdin and stdout carry the protocol; messages go to stderr.
#include <unistd.h>

#include <csignal>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "config/pyproject.hpp"
#include "git/filter_process.hpp"
#include "git/pkt_line.hpp"
#include "strip/strip.hpp"
#include "strip/strip_config.hpp"
#include "util/exit_status.hpp"

namespace nbloop::cli {
namespace {

bool is_notebook_path(const std::string& path) {
  if (path.size() < 6) {
    return false;
  }
  std::string ext = path.substr(path.size() - 6);
  for (char& c : ext) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return ext == ".ipynb";
}

bool blank(const std::string& content) {
  return content.find_first_not_of(" \t\r\n") == std::string::npos;
}

int run_filter_process() {
  // git closing the pipe must come back as a write error, not kill the process silently.
  std::signal(SIGPIPE, SIG_IGN);
  strip::StripOptions options;
  bool unix_newlines = false;
  // git runs filters at the top of the work tree, so "." finds the repository's pyproject.toml.
  std::optional<util::Error> config_error;
  std::string config_path = config::find_pyproject(".").value_or("pyproject.toml");
  if (auto section = config::load_nearest(".", "strip"); !section) {
    config_error = section.error();
  } else if (auto st = strip::apply_config(*section, options, unix_newlines); !st) {
    config_error = st.error();
  }
  auto filter = [&](const git::FilterRequest& request, std::string content) -> git::FilterReply {
    git::FilterReply reply;
    if (request.command != "clean" || !is_notebook_path(request.pathname) || blank(content)) {
      reply.content = std::move(content);
      return reply;
    }
    if (config_error) {
      // Every notebook would fail the same way: say it once and stop git from sending more.
      report_error(config_path, *config_error);
      reply.status = git::FilterReply::Status::abort;
      return reply;
    }
    auto stripped = strip::strip_bytes(std::move(content), options, unix_newlines);
    if (!stripped) {
      report_error(request.pathname, stripped.error());
      reply.status = git::FilterReply::Status::error;
      return reply;
    }
    reply.content = std::move(*stripped);
    return reply;
  };
  git::FdSource in(STDIN_FILENO);
  git::FdSink out(STDOUT_FILENO);
  git::PktReader reader(in);
  git::PktWriter writer(out);
  auto stats = git::serve_filter_process(reader, writer, filter);
  if (!stats) {
    report_usage_error("filter-process: " + stats.error().message);
    return k_exit_error;
  }
  return k_exit_ok;
}

}  // namespace

Runner setup_filter_process(CLI::App& app) {
  app.footer(
      "git starts this command itself, once per git command, when `filter.nbloop.process` is set "
      "(see `nbloop init`); it speaks git's pkt-line protocol on stdin/stdout.");
  return [] { return run_filter_process(); };
}

}  // namespace nbloop::cli
