#include "git/repository.hpp"

#include <git2.h>

#include <filesystem>
#include <mutex>

namespace nbloop::git {
namespace {

void ensure_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

std::string without_trailing_slash(const char* path) {
  std::string s = path == nullptr ? "" : path;
  while (s.size() > 1 && s.back() == '/') {
    s.pop_back();
  }
  return s;
}

// Frees a libgit2 object at scope exit.
template <typename T, void (*Free)(T*)>
struct Owned {
  T* ptr = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (ptr != nullptr) {
      Free(ptr);
    }
  }
};

using OwnedConfig = Owned<git_config, git_config_free>;
using OwnedIndex = Owned<git_index, git_index_free>;
using OwnedTree = Owned<git_tree, git_tree_free>;
using OwnedDiff = Owned<git_diff, git_diff_free>;
using OwnedObject = Owned<git_object, git_object_free>;
using OwnedCommit = Owned<git_commit, git_commit_free>;
using OwnedBlob = Owned<git_blob, git_blob_free>;
using OwnedRef = Owned<git_reference, git_reference_free>;

std::string normalized(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return without_trailing_slash(p.string().c_str());
}

// git 2.39's rule: safe.directory from system/global config only; "*" allows any
// repository, an empty value resets the list, otherwise the value must name the work tree
// (or the git directory of a bare repository).
bool safe_directory_allows(const std::string& workdir, const std::string& gitdir) {
  OwnedConfig config;
  if (git_config_open_default(&config.ptr) != 0) {
    return false;
  }
  git_config_iterator* it = nullptr;
  if (git_config_multivar_iterator_new(&it, config.ptr, "safe.directory", nullptr) != 0) {
    return false;
  }
  bool allowed = false;
  git_config_entry* entry = nullptr;
  while (git_config_next(&entry, it) == 0) {
    std::string value = entry->value == nullptr ? "" : entry->value;
    if (value.empty()) {
      allowed = false;
    } else if (value == "*") {
      allowed = true;
    } else {
      std::string v = normalized(value);
      if ((!workdir.empty() && v == normalized(workdir)) || v == normalized(gitdir)) {
        allowed = true;
      }
    }
  }
  git_config_iterator_free(it);
  return allowed;
}

}  // namespace

util::Error last_git_error(const std::string& what) {
  const git_error* e = git_error_last();
  std::string message = e != nullptr && e->message != nullptr ? e->message : "unknown libgit2 error";
  if (message.find("'link'") != std::string::npos) {
    return util::make_error(what + ": the index is a split index (core.splitIndex), which libgit2 1.5.1 cannot read; "
                            "run `git update-index --no-split-index` (and `git config core.splitIndex false`)");
  }
  if (message.find("'sdir'") != std::string::npos) {
    return util::make_error(what + ": the index is a sparse index, which libgit2 1.5.1 cannot read; "
                            "run `git sparse-checkout init --no-sparse-index`");
  }
  if (message.find("objectformat") != std::string::npos) {
    return util::make_error(what + ": the repository uses SHA-256 object names (extensions.objectFormat), "
                            "which libgit2 1.5.1 cannot read");
  }
  if (message.find("unsupported extension") != std::string::npos) {
    return util::make_error(what + ": libgit2 1.5.1 cannot open this repository (" + message + ")");
  }
  return util::make_error(what + ": " + message);
}

util::Result<Repository> Repository::discover(const std::string& start) {
  ensure_libgit2();
  git_buf found = GIT_BUF_INIT;
  if (git_repository_discover(&found, start.c_str(), 0, nullptr) != 0) {
    git_buf_dispose(&found);
    return util::make_error("not inside a git repository");
  }
  std::string gitdir = without_trailing_slash(found.ptr);
  git_buf_dispose(&found);
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, gitdir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) == 0) {
    return Repository(repo);
  }
  const git_error* e = git_error_last();
  std::string message = e != nullptr && e->message != nullptr ? e->message : "";
  // libgit2 1.5.1 words it two ways: "not owned by current user" when safe.directory is set
  // but does not match, "config value 'safe.directory' was not found" when it is not set.
  if (message.find("safe.directory") == std::string::npos && message.find("not owned by current user") == std::string::npos) {
    return last_git_error("cannot open the repository at " + gitdir);
  }
  std::string workdir = gitdir.ends_with("/.git") ? gitdir.substr(0, gitdir.size() - 5) : std::string();
  if (!safe_directory_allows(workdir, gitdir)) {
    std::string dir = workdir.empty() ? gitdir : workdir;
    return util::make_error("the repository at " + dir +
                            " is owned by another user (git: \"dubious ownership\"); if you trust it, run "
                            "`git config --global --add safe.directory " + dir + "`");
  }
  // git would open it: libgit2 1.5.1 does not honour "*", so its own check is switched off
  // for this process after ours passed.
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
  if (git_repository_open_ext(&repo, gitdir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) {
    return last_git_error("cannot open the repository at " + gitdir);
  }
  return Repository(repo);
}

Repository::Repository(git_repository* repo) : m_repo(repo) {
  m_workdir = without_trailing_slash(git_repository_workdir(repo));
  m_gitdir = without_trailing_slash(git_repository_path(repo));
  m_commondir = without_trailing_slash(git_repository_commondir(repo));
}

Repository::Repository(Repository&& other) noexcept
    : m_repo(other.m_repo),
      m_workdir(std::move(other.m_workdir)),
      m_gitdir(std::move(other.m_gitdir)),
      m_commondir(std::move(other.m_commondir)) {
  other.m_repo = nullptr;
}

Repository& Repository::operator=(Repository&& other) noexcept {
  if (this != &other) {
    if (m_repo != nullptr) {
      git_repository_free(m_repo);
    }
    m_repo = other.m_repo;
    other.m_repo = nullptr;
    m_workdir = std::move(other.m_workdir);
    m_gitdir = std::move(other.m_gitdir);
    m_commondir = std::move(other.m_commondir);
  }
  return *this;
}

Repository::~Repository() {
  if (m_repo != nullptr) {
    git_repository_free(m_repo);
  }
}

std::optional<std::string> Repository::relative_path(const std::string& path) const {
  if (m_workdir.empty()) {
    return std::nullopt;
  }
  std::string full = normalized(path);
  std::string root = normalized(m_workdir);
  if (full == root) {
    return std::string();
  }
  if (full.size() > root.size() && full.compare(0, root.size(), root) == 0 && full[root.size()] == '/') {
    return full.substr(root.size() + 1);
  }
  return std::nullopt;
}

util::Result<std::string> Repository::attribute(const std::string& path, const std::string& name) {
  const char* value = nullptr;
  if (git_attr_get(&value, m_repo, GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(), name.c_str()) != 0) {
    return last_git_error("cannot read attributes for " + path);
  }
  switch (git_attr_value(value)) {
    case GIT_ATTR_VALUE_TRUE:
      return std::string("set");
    case GIT_ATTR_VALUE_FALSE:
      return std::string("unset");
    case GIT_ATTR_VALUE_UNSPECIFIED:
      return std::string("unspecified");
    case GIT_ATTR_VALUE_STRING:
      break;
  }
  return std::string(value);
}

util::Result<std::optional<std::string>> Repository::config_value(const std::string& key) {
  OwnedConfig config;
  if (git_repository_config_snapshot(&config.ptr, m_repo) != 0) {
    return last_git_error("cannot read git config");
  }
  git_config_entry* entry = nullptr;
  int rc = git_config_get_entry(&entry, config.ptr, key.c_str());
  if (rc == GIT_ENOTFOUND) {
    return std::optional<std::string>();
  }
  if (rc != 0) {
    return last_git_error("cannot read git config " + key);
  }
  std::optional<std::string> value = std::string(entry->value == nullptr ? "" : entry->value);
  git_config_entry_free(entry);
  return value;
}

namespace {

struct PathspecArray {
  std::vector<char*> pointers;
  explicit PathspecArray(const std::vector<std::string>& paths) {
    for (const auto& p : paths) {
      pointers.push_back(const_cast<char*>(p.c_str()));
    }
  }
  git_strarray array() { return git_strarray{pointers.data(), pointers.size()}; }
};

util::Result<std::vector<StoredFile>> files_of_diff(git_repository* repo, git_diff* diff, const PathFilter& want) {
  std::vector<StoredFile> files;
  size_t n = git_diff_num_deltas(diff);
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    switch (delta->status) {
      case GIT_DELTA_ADDED:
      case GIT_DELTA_MODIFIED:
      case GIT_DELTA_RENAMED:
      case GIT_DELTA_COPIED:
      case GIT_DELTA_TYPECHANGE:
        break;
      default:
        continue;
    }
    // Only regular files: symlinks and submodules hold no notebook.
    if (delta->new_file.mode != GIT_FILEMODE_BLOB && delta->new_file.mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
      continue;
    }
    std::string path = delta->new_file.path;
    if (want && !want(path)) {
      continue;
    }
    OwnedBlob blob;
    if (git_blob_lookup(&blob.ptr, repo, &delta->new_file.id) != 0) {
      return last_git_error("cannot read " + path);
    }
    const char* raw = static_cast<const char*>(git_blob_rawcontent(blob.ptr));
    files.push_back(StoredFile{path, std::string(raw, static_cast<size_t>(git_blob_rawsize(blob.ptr)))});
  }
  return files;
}

}  // namespace

util::Result<std::vector<StoredFile>> Repository::staged_files(const std::vector<std::string>& pathspec,
                                                               const PathFilter& want) {
  OwnedIndex index;
  if (git_repository_index(&index.ptr, m_repo) != 0 || git_index_read(index.ptr, 0) != 0) {
    return last_git_error("cannot read the index");
  }
  OwnedTree head_tree;
  OwnedObject head;
  int rc = git_revparse_single(&head.ptr, m_repo, "HEAD^{tree}");
  if (rc == 0) {
    head_tree.ptr = reinterpret_cast<git_tree*>(head.ptr);
    head.ptr = nullptr;
  } else if (rc != GIT_ENOTFOUND && rc != GIT_EUNBORNBRANCH) {
    return last_git_error("cannot read HEAD");
  }
  PathspecArray specs(pathspec);
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.pathspec = specs.array();
  OwnedDiff diff;
  if (git_diff_tree_to_index(&diff.ptr, m_repo, head_tree.ptr, index.ptr, &options) != 0) {
    return last_git_error("cannot compare the index with HEAD");
  }
  return files_of_diff(m_repo, diff.ptr, want);
}

util::Result<std::vector<StoredFile>> Repository::changed_since(const std::string& ref,
                                                                const std::vector<std::string>& pathspec,
                                                                const PathFilter& want) {
  OwnedObject base_object;
  if (git_revparse_single(&base_object.ptr, m_repo, (ref + "^{commit}").c_str()) != 0) {
    return util::make_error("unknown revision '" + ref + "'");
  }
  OwnedObject head_object;
  if (git_revparse_single(&head_object.ptr, m_repo, "HEAD^{commit}") != 0) {
    return last_git_error("cannot resolve HEAD");
  }
  git_oid merge_base;
  int rc = git_merge_base(&merge_base, m_repo, git_object_id(base_object.ptr), git_object_id(head_object.ptr));
  if (rc == GIT_ENOTFOUND) {
    return util::make_error("'" + ref + "' and HEAD have no common ancestor");
  }
  if (rc != 0) {
    return last_git_error("cannot find the merge base of " + ref + " and HEAD");
  }
  OwnedCommit base_commit;
  OwnedTree base_tree;
  OwnedTree head_tree;
  if (git_commit_lookup(&base_commit.ptr, m_repo, &merge_base) != 0 ||
      git_commit_tree(&base_tree.ptr, base_commit.ptr) != 0 ||
      git_commit_tree(&head_tree.ptr, reinterpret_cast<git_commit*>(head_object.ptr)) != 0) {
    return last_git_error("cannot read the trees to compare");
  }
  PathspecArray specs(pathspec);
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.pathspec = specs.array();
  OwnedDiff diff;
  if (git_diff_tree_to_tree(&diff.ptr, m_repo, base_tree.ptr, head_tree.ptr, &options) != 0) {
    return last_git_error("cannot compare " + ref + " with HEAD");
  }
  return files_of_diff(m_repo, diff.ptr, want);
}

}  // namespace nbloop::git
