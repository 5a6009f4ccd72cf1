// Lays the generated modules of one nb2py run out as files: each module and its tests, each
// package's __init__.py, and pyproject.toml, with headers; rejects name clashes. Pure: the
// disk is seen only through a reader, so tests give it files in memory.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "convert/package/generate.hpp"
#include "util/result.hpp"

namespace nbloop::convert::package {

/// One notebook's share of a run.
struct NotebookUnit {
  std::string path;         ///< as the user named it (for messages)
  std::string source_name;  ///< as headers name it: relative to the output folder
  std::string package;
  Generated generated;
};

/// Where files go and how the run relates to what is already there.
struct Layout {
  std::string out_dir = ".";
  std::string package_root = ".";  ///< under out_dir
  std::string tests = "tests";     ///< under out_dir
  std::string project_name;        ///< [project] name in a generated pyproject.toml
  int line_length = 88;
  /// The notebooks of the project (relative to out_dir → package), for a generated
  /// pyproject.toml's [tool.nbloop.convert]; the caller includes earlier runs' as it sees fit.
  std::vector<std::pair<std::string, std::string>> project_notebooks;
  /// The run covers every notebook of the project (a bare `nb2py` from the config):
  /// __init__.py and pyproject.toml are rebuilt from this run alone. Otherwise they also
  /// keep the modules and dependencies an earlier run put there.
  bool complete = false;
};

/// A message about a file (`path`: a notebook or a generated file).
struct Problem {
  std::string path;
  util::Error error;
};

/// `recorded_test`: tests/test_<module>_recorded.py, made only from a notebook that carries
/// outputs (see assemble_package).
enum class FileKind { module, test, recorded_test, init, pyproject };

/// One file to have on disk.
struct OutputFile {
  std::string path;   ///< out_dir joined with the file's place in the package
  std::string bytes;  ///< header and body
  FileKind kind = FileKind::module;
};

/// An existing file's bytes; nullopt when there is no such file.
using ReadExisting = std::function<util::Result<std::optional<std::string>>(const std::string& path)>;

struct Assembly {
  std::vector<OutputFile> files;  ///< sorted by path
  std::vector<Problem> errors;    ///< not empty: nothing may be written
  std::vector<Problem> warnings;
};

/// Joins two path parts with one `/` ("." on either side disappears).
std::string join_path(const std::string& a, const std::string& b);

/// Builds every file of the run. `units` must carry no generator errors. A module's
/// recorded-tests file is laid out only when its notebook carries outputs: with recorded
/// results it is their tests; without any for the module it is left out, unless nb2py made
/// one earlier, which then becomes a file saying there are none. A notebook without outputs
/// (stripped) lays out no recorded-tests file, so whatever is on disk stays. Errors: a module
/// name that is not a valid identifier; two notebooks making one module of a package; two
/// modules of different packages wanting one test file; a package named like the tests
/// folder; a file that cannot be read.
Assembly assemble_package(const std::vector<NotebookUnit>& units, const Layout& layout, const ReadExisting& read);

}  // namespace nbloop::convert::package
