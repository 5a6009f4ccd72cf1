// The libgit2 adapter: opens the repository around a path and answers what `nbloop init` and
// `nbloop check` ask of it (attributes, config values, staged and changed files with their
// stored bytes). No libgit2 type leaves this file pair.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

struct git_repository;

namespace nbloop::git {

/// A file as stored in git (the blob's bytes, no filter applied), by repository-relative path.
struct StoredFile {
  std::string path;
  std::string content;
};

/// Chooses which repository-relative paths to load.
using PathFilter = std::function<bool(const std::string& path)>;

/// An open repository.
class Repository {
 public:
  /// Opens the repository containing `start` (searching upwards, as git does). Failure kinds,
  /// each with a message that says what to do: not inside a repository; a repository libgit2
  /// 1.5.1 cannot open (SHA-256 object names, another user's repository not covered by git's
  /// `safe.directory`). A `safe.directory` of `*` or of the repository's path is honoured the
  /// way git 2.39 honours it (libgit2 1.5.1 itself ignores `*`).
  static util::Result<Repository> discover(const std::string& start);

  Repository(Repository&& other) noexcept;
  Repository& operator=(Repository&& other) noexcept;
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;
  ~Repository();

  /// The work tree, absolute, without a trailing slash; empty for a bare repository.
  [[nodiscard]] const std::string& workdir() const { return m_workdir; }
  /// The git directory (`.git`, or a worktree's own folder), absolute, no trailing slash.
  [[nodiscard]] const std::string& gitdir() const { return m_gitdir; }
  /// The folder shared by all worktrees (holds `config`, `info/`, `hooks/`).
  [[nodiscard]] const std::string& commondir() const { return m_commondir; }

  /// The repository-relative path of `path` (absolute or relative to the current directory),
  /// or nothing when it lies outside the work tree.
  [[nodiscard]] std::optional<std::string> relative_path(const std::string& path) const;

  /// The value of attribute `name` for a repository-relative path, as `git check-attr` prints
  /// it: "set", "unset", "unspecified" or the value.
  util::Result<std::string> attribute(const std::string& path, const std::string& name);

  /// The effective value of a config key over all levels (local, global, system), if set.
  util::Result<std::optional<std::string>> config_value(const std::string& key);

  /// Files added or modified in the index relative to HEAD (every index entry when there is no
  /// commit yet), with the index's bytes: what `git commit` would record. `pathspec` (git
  /// pathspecs, repository-relative) narrows the list when not empty. Failure kinds: an index
  /// libgit2 1.5.1 cannot read (split or sparse index, with the command that converts it).
  util::Result<std::vector<StoredFile>> staged_files(const std::vector<std::string>& pathspec,
                                                     const PathFilter& want);

  /// Files added or modified between the merge base of `ref` and HEAD, and HEAD, with HEAD's
  /// bytes: what a pull request from HEAD into `ref` changes. Failure kinds: `ref` unknown,
  /// no HEAD, no common ancestor.
  util::Result<std::vector<StoredFile>> changed_since(const std::string& ref,
                                                      const std::vector<std::string>& pathspec,
                                                      const PathFilter& want);

 private:
  explicit Repository(git_repository* repo);
  git_repository* m_repo = nullptr;
  std::string m_workdir;
  std::string m_gitdir;
  std::string m_commondir;
};

/// The message of libgit2's last error, made clear for the cases libgit2 1.5.1 is known to
/// reject (split index, sparse index, SHA-256, ownership). `what` says what was attempted.
util::Error last_git_error(const std::string& what);

}  // namespace nbloop::git
