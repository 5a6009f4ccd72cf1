// `nbloop init`: installs nbloop into git (filters, textconv diff, merge driver, attributes,
// optional pre-commit hook), reports what is installed (--status) and removes it (--uninstall).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "git/attributes_file.hpp"
#include "git/config_file.hpp"
#include "git/repository.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"

namespace nbloop::cli {
namespace {

constexpr const char* k_attribute_line = "*.ipynb filter=nbloop diff=nbloop merge=nbloop";
constexpr const char* k_hook_marker = "# nbloop pre-commit hook (written by `nbloop init --pre-commit`)";

struct InitArgs {
  bool global = false;
  bool system = false;
  std::string attributes;
  bool local_attributes = false;
  bool status = false;
  bool uninstall = false;
  bool pre_commit = false;
};

// One config key init writes: the key and the command after the program ("strip").
struct Key {
  const char* key;
  const char* suffix;     // appended to the program; nullptr: `value` is written as is
  const char* value;
};

const std::vector<Key>& keys() {
  static const std::vector<Key> table = {
      {"filter.nbloop.clean", " strip", nullptr},
      {"filter.nbloop.smudge", nullptr, "cat"},
      {"filter.nbloop.process", " filter-process", nullptr},
      {"filter.nbloop.required", nullptr, "true"},
      {"diff.nbloop.textconv", " diff --textconv", nullptr},
      {"merge.nbloop.name", nullptr, "nbloop notebook merge driver"},
      {"merge.nbloop.driver", " merge %O %A %B %L %P", nullptr},
  };
  return table;
}

std::string key_value(const Key& k, const std::string& program) {
  return k.suffix == nullptr ? std::string(k.value) : program + k.suffix;
}

std::optional<std::string> find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) {
    return std::nullopt;
  }
  std::string dirs = path;
  size_t pos = 0;
  while (pos <= dirs.size()) {
    size_t colon = dirs.find(':', pos);
    std::string dir = dirs.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
    if (dir.empty()) {
      dir = ".";
    }
    std::string candidate = dir + "/" + name;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string::npos) {
      break;
    }
    pos = colon + 1;
  }
  return std::nullopt;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The program written into config: `nbloop` when it is on PATH, else this binary's path.
std::string choose_program(bool verbose) {
  if (auto found = find_on_path("nbloop")) {
    if (verbose) {
      std::printf("using `nbloop` from PATH (%s)\n", found->c_str());
    }
    return "nbloop";
  }
  std::error_code ec;
  std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (verbose) {
    std::printf("`nbloop` is not on PATH: writing this binary's path, %s\n", self.c_str());
  }
  return shell_quote(self);
}

struct Locations {
  std::optional<git::Repository> repo;
  std::string config;
  std::string attributes;
  std::string hooks_dir;  // empty outside a repository
};

util::Result<Locations> locate(const InitArgs& args) {
  Locations where;
  auto repo = git::Repository::discover(".");
  bool need_repo = !(args.global || args.system) || args.local_attributes || args.pre_commit;
  if (!repo) {
    if (need_repo) {
      return repo.error();
    }
  } else {
    where.repo.emplace(std::move(*repo));
  }
  if (args.global) {
    where.config = git::global_config_path();
  } else if (args.system) {
    where.config = git::system_config_path();
  } else {
    where.config = where.repo->commondir() + "/config";
  }
  if (!args.attributes.empty()) {
    where.attributes = std::filesystem::absolute(args.attributes).lexically_normal().string();
  } else if (args.local_attributes) {
    where.attributes = where.repo->commondir() + "/info/attributes";
  } else if (args.global) {
    where.attributes = git::global_attributes_path(where.config);
  } else if (args.system) {
    where.attributes = "/etc/gitattributes";
  } else {
    if (where.repo->workdir().empty()) {
      return util::make_error("a bare repository has no .gitattributes: use --local-attributes or --attributes FILE");
    }
    where.attributes = where.repo->workdir() + "/.gitattributes";
  }
  if (where.repo) {
    auto hooks = where.repo->config_value("core.hooksPath");
    if (hooks && hooks->has_value() && !(*hooks)->empty()) {
      std::string h = **hooks;
      where.hooks_dir = h.front() == '/' || where.repo->workdir().empty() ? h : where.repo->workdir() + "/" + h;
    } else {
      where.hooks_dir = where.repo->commondir() + "/hooks";
    }
  }
  return where;
}

std::string read_or_empty(const std::string& path) {
  auto text = util::read_file(path);
  return text ? *text : std::string();
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

util::Status write_text(const std::string& path, const std::string& text) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
  }
  return util::atomic_write(path, text);
}

std::string hook_text() {
  return std::string("#!/bin/sh\n") + k_hook_marker +
         "\n# Checks the staged notebooks (stripped, lint-clean) before each commit.\n"
         "exec nbloop check --staged\n";
}

int install(const InitArgs& args, Locations& where) {
  std::string program = choose_program(true);
  auto config = git::ConfigFile::open(where.config);
  if (!config) {
    report_error(where.config, config.error());
    return k_exit_error;
  }
  std::printf("config %s:\n", where.config.c_str());
  for (const auto& k : keys()) {
    std::string value = key_value(k, program);
    auto current = config->get(k.key);
    if (!current) {
      report_error(where.config, current.error());
      return k_exit_error;
    }
    if (current->has_value() && **current == value) {
      std::printf("  %s = %s (already set)\n", k.key, value.c_str());
      continue;
    }
    if (auto st = config->set(k.key, value); !st) {
      report_error(where.config, st.error());
      return k_exit_error;
    }
    std::printf("  %s = %s\n", k.key, value.c_str());
  }
  std::string text = read_or_empty(where.attributes);
  if (git::has_line(text, k_attribute_line)) {
    std::printf("attributes %s: `%s` (already there)\n", where.attributes.c_str(), k_attribute_line);
  } else {
    if (auto st = write_text(where.attributes, git::with_line(text, k_attribute_line)); !st) {
      report_error(where.attributes, st.error());
      return k_exit_error;
    }
    std::printf("attributes %s: added `%s`\n", where.attributes.c_str(), k_attribute_line);
  }
  if (args.pre_commit) {
    std::string hook = where.hooks_dir + "/pre-commit";
    if (file_exists(hook)) {
      auto existing = util::read_file(hook);
      if (!existing || existing->find(k_hook_marker) == std::string::npos) {
        report_error(hook, util::make_error("a pre-commit hook that nbloop did not write is already there; "
                                            "left unchanged (add `nbloop check --staged` to it yourself)"));
        return k_exit_error;
      }
    }
    if (auto st = write_text(hook, hook_text()); !st) {
      report_error(hook, st.error());
      return k_exit_error;
    }
    ::chmod(hook.c_str(), 0755);
    std::printf("hook %s: runs `nbloop check --staged`\n", hook.c_str());
  }
  return k_exit_ok;
}

int uninstall(Locations& where) {
  auto config = git::ConfigFile::open(where.config);
  if (!config) {
    report_error(where.config, config.error());
    return k_exit_error;
  }
  if (file_exists(where.config)) {
    for (const auto& k : keys()) {
      auto current = config->get(k.key);
      if (current && current->has_value()) {
        if (auto st = config->remove(k.key); !st) {
          report_error(where.config, st.error());
          return k_exit_error;
        }
        std::printf("config %s: removed %s\n", where.config.c_str(), k.key);
      }
    }
    for (const char* section : {"filter", "diff", "merge"}) {
      if (auto st = config->drop_empty_section(section, "nbloop"); !st) {
        report_error(where.config, st.error());
        return k_exit_error;
      }
    }
  }
  std::string text = read_or_empty(where.attributes);
  if (git::has_line(text, k_attribute_line)) {
    std::string updated = git::without_line(text, k_attribute_line);
    util::Status st = util::Ok{};
    if (updated.empty()) {
      // init created the file for this one line (or emptied it): leave no empty file behind.
      if (::unlink(where.attributes.c_str()) != 0) {
        st = util::make_error("cannot remove the emptied file");
      }
    } else {
      st = util::atomic_write(where.attributes, updated);
    }
    if (!st) {
      report_error(where.attributes, st.error());
      return k_exit_error;
    }
    std::printf("attributes %s: removed `%s`\n", where.attributes.c_str(), k_attribute_line);
  }
  if (!where.hooks_dir.empty()) {
    std::string hook = where.hooks_dir + "/pre-commit";
    auto existing = util::read_file(hook);
    if (existing && existing->find(k_hook_marker) != std::string::npos) {
      if (::unlink(hook.c_str()) != 0) {
        report_error(hook, util::make_error("cannot remove nbloop's hook"));
        return k_exit_error;
      }
      std::printf("hook %s: removed\n", hook.c_str());
    }
  }
  return k_exit_ok;
}

// The program named at the start of a configured command, unquoted.
std::string first_word(const std::string& command) {
  if (!command.empty() && command.front() == '\'') {
    std::string out;
    for (size_t i = 1; i < command.size(); ++i) {
      if (command[i] == '\'') {
        if (command.compare(i, 4, "'\\''") == 0) {
          out += '\'';
          i += 3;
          continue;
        }
        break;
      }
      out += command[i];
    }
    return out;
  }
  return command.substr(0, command.find(' '));
}

int status(Locations& where) {
  bool ok = true;
  auto config = git::ConfigFile::open(where.config);
  if (!config) {
    report_error(where.config, config.error());
    return k_exit_error;
  }
  std::printf("config %s:\n", where.config.c_str());
  std::optional<std::string> process_program;
  for (const auto& k : keys()) {
    auto here = config->get(k.key);
    std::optional<std::string> value = here ? *here : std::nullopt;
    const char* origin = "";
    if (!value && where.repo) {
      // Installed at another level (global, system) still works for this repository.
      auto effective = where.repo->config_value(k.key);
      if (effective && effective->has_value()) {
        value = **effective;
        origin = " (from another config level)";
      }
    }
    bool good = value.has_value() &&
                (k.suffix == nullptr ? *value == k.value : value->ends_with(k.suffix));
    if (k.suffix == nullptr && std::string(k.key) == "merge.nbloop.name") {
      good = value.has_value();
    }
    std::printf("  %-24s %s%s%s\n", k.key, value ? value->c_str() : "(not set)", origin,
                good ? "" : value ? "  <- unexpected value" : "  <- missing");
    ok = ok && good;
    if (std::string(k.key) == "filter.nbloop.process" && value) {
      process_program = first_word(*value);
    }
  }
  if (process_program) {
    bool runnable = process_program->find('/') != std::string::npos
                        ? ::access(process_program->c_str(), X_OK) == 0
                        : find_on_path(*process_program).has_value();
    std::printf("program %s: %s\n", process_program->c_str(), runnable ? "found" : "NOT FOUND (git will fail)");
    ok = ok && runnable;
  }
  bool line = git::has_line(read_or_empty(where.attributes), k_attribute_line);
  std::printf("attributes %s: %s\n", where.attributes.c_str(), line ? "has the nbloop line" : "no nbloop line");
  if (where.repo) {
    // What git decides for a notebook path, from every attributes file it reads.
    bool routed = true;
    for (const char* name : {"filter", "diff", "merge"}) {
      auto value = where.repo->attribute("nbloop-status-probe.ipynb", name);
      bool good = value && *value == "nbloop";
      routed = routed && good;
      std::printf("  *.ipynb %s=%s%s\n", name, value ? value->c_str() : "?", good ? "" : "  <- not nbloop");
    }
    ok = ok && routed;
    std::string hook = where.hooks_dir + "/pre-commit";
    auto text = util::read_file(hook);
    std::printf("hook %s: %s\n", hook.c_str(),
                !text ? "none" : text->find(k_hook_marker) != std::string::npos ? "nbloop's" : "another tool's");
  } else {
    ok = ok && line;
  }
  std::printf("%s\n", ok ? "nbloop is installed and working" : "nbloop is not fully installed");
  return ok ? k_exit_ok : k_exit_findings;
}

int run_init(const InitArgs& args) {
  if (args.status && args.uninstall) {
    report_usage_error("--status and --uninstall cannot be combined");
    return k_exit_error;
  }
  auto where = locate(args);
  if (!where) {
    report_usage_error(where.error().message);
    return k_exit_error;
  }
  if (args.status) {
    return status(*where);
  }
  if (args.uninstall) {
    return uninstall(*where);
  }
  return install(args, *where);
}

}  // namespace

Runner setup_init(CLI::App& app) {
  auto args = std::make_shared<InitArgs>();
  auto* global = app.add_flag("--global", args->global, "Write the user's git config (~/.gitconfig)");
  auto* system = app.add_flag("--system", args->system, "Write the system git config (/etc/gitconfig)");
  global->excludes(system);
  auto* attributes =
      app.add_option("--attributes", args->attributes, "Attributes file to write (default: the repository's .gitattributes)");
  auto* local_attributes =
      app.add_flag("--local-attributes", args->local_attributes, "Write .git/info/attributes (not committed)");
  attributes->excludes(local_attributes);
  auto* status = app.add_flag("--status", args->status, "Show what is installed and whether it works (exit 0/1)");
  auto* uninstall = app.add_flag("--uninstall", args->uninstall, "Remove exactly what init added");
  app.add_flag("--pre-commit", args->pre_commit, "Also write a .git/hooks/pre-commit running `nbloop check --staged`")
      ->excludes(status)
      ->excludes(uninstall);
  return [args] { return run_init(*args); };
}

}  // namespace nbloop::cli
