#include "support/corpus.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace nbloop::test {
namespace fs = std::filesystem;

std::optional<std::string> corpus_dir() {
  std::string dir;
  if (const char* env = std::getenv("NBLOOP_CORPUS"); env != nullptr && *env != '\0') {
    dir = env;
  } else {
    dir = std::string(NBLOOP_SOURCE_DIR) + "/../shared/corpus";
  }
  std::error_code ec;
  if (!fs::is_directory(dir + "/notebooks", ec)) {
    return std::nullopt;
  }
  return fs::weakly_canonical(dir).string();
}

std::vector<std::string> corpus_notebooks() {
  std::vector<std::string> out;
  auto dir = corpus_dir();
  if (!dir) {
    return out;
  }
  for (const auto& entry : fs::directory_iterator(*dir + "/notebooks")) {
    if (entry.path().extension() == ".ipynb") {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

int run_command(const std::string& command) { return std::system(command.c_str()); }

std::string make_temp_dir() {
  std::string templ = (fs::temp_directory_path() / "nbloop-test-XXXXXX").string();
  char* made = mkdtemp(templ.data());
  return made != nullptr ? std::string(made) : std::string();
}

void remove_tree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace nbloop::test
