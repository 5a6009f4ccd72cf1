// Test helpers: where the shared corpus is, and running Python oracles.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nbloop::test {

/// The corpus folder ($NBLOOP_CORPUS or ../shared/corpus beside the source tree), if present.
std::optional<std::string> corpus_dir();

/// Sorted paths of the corpus notebooks (empty when the corpus is absent).
std::vector<std::string> corpus_notebooks();

/// Runs a shell command; returns its exit status.
int run_command(const std::string& command);

/// A fresh temporary directory (removed by the caller with remove_tree).
std::string make_temp_dir();
void remove_tree(const std::string& path);

std::string read_all(const std::string& path);

}  // namespace nbloop::test
