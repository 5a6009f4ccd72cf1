#include "util/file_walk.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace nbloop::util {
namespace fs = std::filesystem;

namespace {

bool has_extension(const std::string& name, const std::vector<std::string>& extensions) {
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](const std::string& ext) { return name.ends_with(ext); });
}

void walk(const fs::path& dir, const std::vector<std::string>& extensions, std::vector<WalkEntry>& out) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) {
    out.push_back({dir.string(), "cannot read directory: " + ec.message()});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
  for (const auto& entry : entries) {
    std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (name.starts_with(".") || name == "__pycache__" || name == "node_modules") {
        continue;  // hidden folders (.git, .ipynb_checkpoints, .venv) are never ours to touch
      }
      walk(entry.path(), extensions, out);
    } else if (has_extension(name, extensions)) {
      out.push_back({entry.path().string(), ""});
    }
  }
}

}  // namespace

std::vector<WalkEntry> expand_paths(const std::vector<std::string>& paths,
                                    const std::vector<std::string>& extensions) {
  std::vector<WalkEntry> out;
  for (const auto& p : paths) {
    std::error_code ec;
    // A folder named like a notebook was meant as a file: pass it on so the caller reports it.
    if (fs::is_directory(p, ec) && !has_extension(p, extensions)) {
      walk(p, extensions, out);
    } else {
      out.push_back({p, ""});
    }
  }
  return out;
}

}  // namespace nbloop::util
