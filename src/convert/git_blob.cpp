#include "convert/git_blob.hpp"

#include <git2.h>

#include <climits>
#include <cstdlib>
#include <memory>

namespace nbloop::convert {
namespace {

util::Error libgit2_error(const std::string& what) {
  const ::git_error* e = git_error_last();
  return util::make_error(what + (e != nullptr && e->message != nullptr ? std::string(": ") + e->message : std::string()));
}

template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  ~Owned() {
    if (p != nullptr) Free(p);
  }
};

}  // namespace

util::Result<std::string> read_git_base(const std::string& path, std::string* label) {
  static const int k_init = git_libgit2_init();
  (void)k_init;
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved) == nullptr) return util::make_error("cannot resolve the path");
  std::string abs = resolved;
  std::string dir = abs.substr(0, abs.rfind('/'));
  Owned<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.p, dir.c_str(), 0, nullptr) != 0) return libgit2_error("not inside a git repository");
  const char* workdir = git_repository_workdir(repo.p);
  if (workdir == nullptr) return util::make_error("the repository has no working tree");
  char wd_resolved[PATH_MAX];
  std::string wd = realpath(workdir, wd_resolved) != nullptr ? std::string(wd_resolved) + "/" : std::string(workdir);
  if (!abs.starts_with(wd)) return util::make_error("outside the repository's working tree");
  std::string rel = abs.substr(wd.size());

  Owned<git_index, git_index_free> index;
  if (git_repository_index(&index.p, repo.p) == 0) {
    if (const git_index_entry* entry = git_index_get_bypath(index.p, rel.c_str(), 0)) {
      Owned<git_blob, git_blob_free> blob;
      if (git_blob_lookup(&blob.p, repo.p, &entry->id) != 0) return libgit2_error("cannot read the staged blob");
      if (label != nullptr) *label = "index:" + rel;
      return std::string(static_cast<const char*>(git_blob_rawcontent(blob.p)), static_cast<size_t>(git_blob_rawsize(blob.p)));
    }
  }
  Owned<git_object, git_object_free> head_tree;
  if (git_revparse_single(&head_tree.p, repo.p, "HEAD^{tree}") != 0) return util::make_error("not tracked by git (no index entry, no HEAD)");
  Owned<git_tree_entry, git_tree_entry_free> te;
  if (git_tree_entry_bypath(&te.p, reinterpret_cast<git_tree*>(head_tree.p), rel.c_str()) != 0) {
    return util::make_error("not tracked by git");
  }
  Owned<git_blob, git_blob_free> blob;
  if (git_blob_lookup(&blob.p, repo.p, git_tree_entry_id(te.p)) != 0) return libgit2_error("cannot read the committed blob");
  if (label != nullptr) *label = "HEAD:" + rel;
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.p)), static_cast<size_t>(git_blob_rawsize(blob.p)));
}

}  // namespace nbloop::convert
