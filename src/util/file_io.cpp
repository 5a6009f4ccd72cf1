#include "util/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace nbloop::util {
namespace {

Error errno_error(const char* what) {
  return make_error(std::string(what) + ": " + std::strerror(errno));
}

// Grows `data` to `size` bytes without zero-filling them first (the read overwrites them).
void grow_uninitialized(std::string& data, size_t size) {
  data.resize_and_overwrite(size, [](char*, size_t n) { return n; });
}

Result<std::string> read_fd(int fd, size_t size_hint) {
  std::string data;
  grow_uninitialized(data, size_hint + 1);
  size_t used = 0;
  for (;;) {
    if (used == data.size()) {
      grow_uninitialized(data, data.size() * 2 + 4096);
    }
    ssize_t n = ::read(fd, data.data() + used, data.size() - used);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_error("cannot read");
    }
    if (n == 0) {
      break;
    }
    used += static_cast<size_t>(n);
  }
  data.resize(used);
  return data;
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return make_error("no such file");
    }
    return errno_error("cannot open");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Error e = errno_error("cannot stat");
    ::close(fd);
    return e;
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return make_error("is a directory, expected a file");
  }
  auto data = read_fd(fd, S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 65536);
  ::close(fd);
  return data;
}

Result<std::string> read_stdin() { return read_fd(STDIN_FILENO, 65536); }

Status write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_error("cannot write");
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Ok{};
}

Status atomic_write(const std::string& path, std::string_view bytes) {
  struct stat st {};
  mode_t mode = 0644;
  if (::stat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      return make_error("not a regular file");
    }
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) {
      return make_error("file is read-only; left unchanged");
    }
    if (::access(path.c_str(), W_OK) != 0) {
      return errno_error("cannot write");
    }
    mode = st.st_mode & 07777;
  }
  std::string dir = ".";
  if (auto slash = path.rfind('/'); slash != std::string::npos) {
    dir = slash == 0 ? "/" : path.substr(0, slash);
  }
  std::random_device rd;
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    tmp = path + ".nbloop-" + std::to_string(rd() % 1000000000u) + ".tmp";
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
      return errno_error("cannot create temporary file");
    }
  }
  if (fd < 0) {
    return make_error("cannot create temporary file");
  }
  auto fail = [&](Error e) -> Status {
    ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  };
  if (auto w = write_all(fd, bytes); !w) {
    return fail(w.error());
  }
  if (::fchmod(fd, mode) != 0) {
    return fail(errno_error("cannot set mode"));
  }
  if (::fsync(fd) != 0) {
    return fail(errno_error("cannot sync"));
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return errno_error("cannot close");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = errno_error("cannot replace file");
    ::unlink(tmp.c_str());
    return e;
  }
  return Ok{};
}

Result<WriteOutcome> replace_if_changed(const std::string& path, std::string_view current,
                                        std::string_view bytes) {
  if (current == bytes) {
    return WriteOutcome::unchanged;
  }
  if (auto w = atomic_write(path, bytes); !w) {
    return w.error();
  }
  return WriteOutcome::written;
}

}  // namespace nbloop::util
