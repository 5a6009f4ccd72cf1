// Reading and writing one git config file (local, global or system) through libgit2, and
// locating the files git itself would use for each level.
#pragma once

#include <optional>
#include <string>

#include "util/result.hpp"

struct git_config;

namespace nbloop::git {

/// The config file git writes for `git config --global`: $GIT_CONFIG_GLOBAL, else
/// ~/.gitconfig when it exists or no XDG file does, else $XDG_CONFIG_HOME/git/config.
std::string global_config_path();

/// The config file git writes for `git config --system`: $GIT_CONFIG_SYSTEM, else /etc/gitconfig.
std::string system_config_path();

/// The attributes file git reads for all repositories of the user: core.attributesFile from
/// `global_config` when set, else $XDG_CONFIG_HOME/git/attributes (~/.config/git/attributes).
std::string global_attributes_path(const std::string& global_config);

/// One config file on disk; created on the first write when missing.
class ConfigFile {
 public:
  /// Failure kinds: the file exists but is not valid git config.
  static util::Result<ConfigFile> open(const std::string& path);

  ConfigFile(ConfigFile&& other) noexcept;
  ConfigFile& operator=(ConfigFile&&) = delete;
  ConfigFile(const ConfigFile&) = delete;
  ConfigFile& operator=(const ConfigFile&) = delete;
  ~ConfigFile();

  [[nodiscard]] const std::string& path() const { return m_path; }

  /// The value of `key` in this file only, if set.
  util::Result<std::optional<std::string>> get(const std::string& key);
  /// Sets `key` (replacing a single existing value).
  util::Status set(const std::string& key, const std::string& value);
  /// Removes `key`; a key that is not set is not an error.
  util::Status remove(const std::string& key);
  /// Deletes the header of `[section "subsection"]` when no key is left in it (libgit2 leaves
  /// empty headers behind), so install then uninstall restores the file's bytes.
  util::Status drop_empty_section(const std::string& section, const std::string& subsection);

 private:
  ConfigFile(git_config* config, std::string path) : m_config(config), m_path(std::move(path)) {}
  git_config* m_config = nullptr;
  std::string m_path;
};

/// `text` (a config file) without the header line of `[section "subsection"]` when that
/// section holds no key (only blank lines until the next header or the end).
std::string without_empty_section(const std::string& text, const std::string& section,
                                  const std::string& subsection);

}  // namespace nbloop::git
