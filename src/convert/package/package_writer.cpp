#include "convert/package/package_writer.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "util/file_io.hpp"
#include "util/parallel.hpp"

namespace nbloop::convert::package {
namespace {

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) {
    return ".";
  }
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool is_writable_dir(const std::string& dir, const struct stat& st) {
  return (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0 && ::access(dir.c_str(), W_OK | X_OK) == 0;
}

// The folders to create for `dir`, outermost first; sets `existing` to the nearest one that
// exists (or an error when something in the way is not a folder).
util::Result<std::vector<std::string>> missing_folders(const std::string& dir, std::string& existing) {
  std::vector<std::string> missing;
  std::string d = dir;
  for (;;) {
    struct stat st {};
    if (::stat(d.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) {
        existing = d;
        return util::make_error("'" + d + "' is in the way: it is not a folder");
      }
      existing = d;
      break;
    }
    if (errno != ENOENT && errno != ENOTDIR) {
      existing = d;
      return util::make_error("cannot reach '" + d + "': " + std::strerror(errno));
    }
    missing.push_back(d);
    std::string up = parent_of(d);
    if (up == d) {
      break;
    }
    d = up;
  }
  std::reverse(missing.begin(), missing.end());
  return missing;
}

}  // namespace

std::vector<Problem> check_writable(const std::vector<PlannedFile>& files) {
  std::vector<Problem> problems;
  std::set<std::string> checked;
  for (const auto& f : files) {
    if (!writes(f)) {
      continue;
    }
    if (f.action != Action::create) {
      struct stat st {};
      if (::stat(f.file.path.c_str(), &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) {
        problems.push_back({f.file.path, util::make_error("file is read-only; nothing written")});
        continue;
      }
    }
    std::string dir = parent_of(f.file.path);
    if (!checked.insert(dir).second) {
      continue;
    }
    std::string existing;
    auto missing = missing_folders(dir, existing);
    if (!missing) {
      problems.push_back({f.file.path, util::make_error(missing.error().message + "; nothing written")});
      continue;
    }
    struct stat st {};
    if (::stat(existing.c_str(), &st) != 0 || !is_writable_dir(existing, st)) {
      problems.push_back(
          {f.file.path, util::make_error("cannot write into folder '" + existing + "' (read-only); nothing written")});
    }
  }
  return problems;
}

WriteReport write_planned(const std::vector<PlannedFile>& files, unsigned threads) {
  WriteReport report;
  std::vector<const PlannedFile*> todo;
  for (const auto& f : files) {
    if (writes(f)) {
      todo.push_back(&f);
    }
  }
  std::vector<std::string> created_dirs;
  auto undo_dirs = [&] {
    for (auto it = created_dirs.rbegin(); it != created_dirs.rend(); ++it) {
      ::rmdir(it->c_str());
    }
  };
  std::set<std::string> seen;
  for (const auto* f : todo) {
    std::string dir = parent_of(f->file.path);
    if (!seen.insert(dir).second) {
      continue;
    }
    std::string existing;
    auto missing = missing_folders(dir, existing);
    if (!missing) {
      undo_dirs();
      report.failure = Problem{f->file.path, missing.error()};
      return report;
    }
    for (const auto& m : *missing) {
      if (::mkdir(m.c_str(), 0777) == 0) {
        created_dirs.push_back(m);
      } else if (errno != EEXIST) {
        Problem failure{f->file.path, util::make_error("cannot create folder '" + m + "': " + std::strerror(errno))};
        undo_dirs();
        report.failure = failure;
        return report;
      }
    }
  }
  std::vector<util::Status> results(todo.size(), util::Ok{});
  util::parallel_for(todo.size(), threads,
                     [&](size_t i) { results[i] = util::atomic_write(todo[i]->file.path, todo[i]->file.bytes); });
  for (size_t i = 0; i < todo.size(); ++i) {
    if (!results[i]) {
      report.failure = Problem{todo[i]->file.path, results[i].error()};
      break;
    }
  }
  if (!report.failure) {
    report.written = todo.size();
    return report;
  }
  // Put back what was there: old bytes for replaced files, nothing for new ones.
  for (size_t i = 0; i < todo.size(); ++i) {
    if (!results[i]) {
      continue;
    }
    if (todo[i]->action == Action::create) {
      ::unlink(todo[i]->file.path.c_str());
    } else {
      (void)util::atomic_write(todo[i]->file.path, todo[i]->current);
    }
  }
  undo_dirs();
  return report;
}

}  // namespace nbloop::convert::package
