#include "git/config_file.hpp"

#include <git2.h>
#include <sys/stat.h>

#include <cstdlib>
#include <mutex>
#include <vector>

#include "git/repository.hpp"
#include "util/file_io.hpp"

namespace nbloop::git {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string xdg_git_dir() {
  std::string xdg = env("XDG_CONFIG_HOME");
  if (!xdg.empty()) {
    return xdg + "/git";
  }
  return env("HOME") + "/.config/git";
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) {
    return "";
  }
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::string global_config_path() {
  std::string forced = env("GIT_CONFIG_GLOBAL");
  if (!forced.empty()) {
    return forced;
  }
  std::string home = env("HOME") + "/.gitconfig";
  std::string xdg = xdg_git_dir() + "/config";
  return exists(home) || !exists(xdg) ? home : xdg;
}

std::string system_config_path() {
  std::string forced = env("GIT_CONFIG_SYSTEM");
  return forced.empty() ? std::string("/etc/gitconfig") : forced;
}

std::string global_attributes_path(const std::string& global_config) {
  auto config = ConfigFile::open(global_config);
  if (config) {
    auto value = config->get("core.attributesFile");
    if (value && value->has_value() && !(*value)->empty()) {
      std::string path = **value;
      if (path.starts_with("~/")) {
        path = env("HOME") + path.substr(1);
      }
      return path;
    }
  }
  return xdg_git_dir() + "/attributes";
}

util::Result<ConfigFile> ConfigFile::open(const std::string& path) {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
  git_config* config = nullptr;
  if (git_config_open_ondisk(&config, path.c_str()) != 0) {
    return last_git_error("cannot read git config " + path);
  }
  return ConfigFile(config, path);
}

ConfigFile::ConfigFile(ConfigFile&& other) noexcept : m_config(other.m_config), m_path(std::move(other.m_path)) {
  other.m_config = nullptr;
}

ConfigFile::~ConfigFile() {
  if (m_config != nullptr) {
    git_config_free(m_config);
  }
}

util::Result<std::optional<std::string>> ConfigFile::get(const std::string& key) {
  git_config_entry* entry = nullptr;
  int rc = git_config_get_entry(&entry, m_config, key.c_str());
  if (rc == GIT_ENOTFOUND) {
    return std::optional<std::string>();
  }
  if (rc != 0) {
    return last_git_error("cannot read " + key + " from " + m_path);
  }
  std::optional<std::string> value = std::string(entry->value == nullptr ? "" : entry->value);
  git_config_entry_free(entry);
  return value;
}

util::Status ConfigFile::set(const std::string& key, const std::string& value) {
  if (git_config_set_string(m_config, key.c_str(), value.c_str()) != 0) {
    return last_git_error("cannot set " + key + " in " + m_path);
  }
  return util::Ok{};
}

util::Status ConfigFile::remove(const std::string& key) {
  int rc = git_config_delete_entry(m_config, key.c_str());
  if (rc != 0 && rc != GIT_ENOTFOUND) {
    return last_git_error("cannot remove " + key + " from " + m_path);
  }
  return util::Ok{};
}

util::Status ConfigFile::drop_empty_section(const std::string& section, const std::string& subsection) {
  auto text = util::read_file(m_path);
  if (!text) {
    return util::Ok{};  // nothing was ever written
  }
  std::string updated = without_empty_section(*text, section, subsection);
  if (updated == *text) {
    return util::Ok{};
  }
  if (auto st = util::atomic_write(m_path, updated); !st) {
    return st;
  }
  // libgit2 caches the parsed file; re-open so later calls see the new bytes.
  git_config* fresh = nullptr;
  if (git_config_open_ondisk(&fresh, m_path.c_str()) != 0) {
    return last_git_error("cannot read git config " + m_path);
  }
  git_config_free(m_config);
  m_config = fresh;
  return util::Ok{};
}

std::string without_empty_section(const std::string& text, const std::string& section,
                                  const std::string& subsection) {
  const std::string header = "[" + section + " \"" + subsection + "\"]";
  std::vector<std::pair<size_t, size_t>> lines;  // [begin, end) including the terminator
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    lines.emplace_back(pos, end);
    pos = end;
  }
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    auto [b, e] = lines[i];
    std::string_view line(text.data() + b, e - b);
    if (trim(line) == header) {
      bool empty = true;
      for (size_t j = i + 1; j < lines.size(); ++j) {
        std::string next = trim(std::string_view(text.data() + lines[j].first, lines[j].second - lines[j].first));
        if (next.empty()) {
          continue;
        }
        empty = next.front() == '[';
        break;
      }
      if (empty) {
        continue;
      }
    }
    out.append(line);
  }
  return out;
}

}  // namespace nbloop::git
