// The nbloop executable: parses argv with CLI11 and dispatches to the command table.
#include <malloc.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "python/parser.hpp"
#include "util/exit_status.hpp"

namespace {

std::string version_text() {
  std::string v = "nbloop " NBLOOP_VERSION " (tree-sitter ";
  v += nbloop::python::tree_sitter_version();
  v += ", tree-sitter-python ";
  v += nbloop::python::grammar_version();
  v += ")";
  return v;
}

int run(int argc, char** argv) {
  using namespace nbloop;
  std::string program = argv[0];
  if (auto slash = program.rfind('/'); slash != std::string::npos) {
    program = program.substr(slash + 1);
  }
  CLI::App app{"nbloop: notebooks to production Python — strip, convert, lint, git", "nbloop"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);
  cli::Runner selected;
  std::vector<std::pair<CLI::App*, cli::Runner>> runners;
  for (const auto& command : cli::commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    runners.emplace_back(sub, command.setup(*sub));
  }
  // `nb2py ARGS` is `nbloop convert ARGS`.
  std::vector<std::string> args;
  for (int i = argc - 1; i >= 1; --i) {
    args.emplace_back(argv[i]);
  }
  if (program == "nb2py") {
    bool only_version = args.size() == 1 && args[0] == "--version";
    if (!only_version) {
      args.emplace_back("convert");
    }
  }
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(k_exit_error);
  }
  for (auto& [sub, runner] : runners) {
    if (sub->parsed()) {
      return runner();
    }
  }
  return static_cast<int>(k_exit_error);
}

}  // namespace

int main(int argc, char** argv) {
  // Files are read into large buffers one after another: keep freed memory in the heap
  // instead of returning it to the kernel, so each file does not pay fresh page faults.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    nbloop::cli::report_usage_error(std::string("internal error: ") + e.what());
    return nbloop::k_exit_error;
  }
}
