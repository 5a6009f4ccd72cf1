// A generated package's dependencies: distribution names for the modules it imports
// (sklearn → scikit-learn), merged with the notebook's `!pip install` requirements.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "convert/package/generate.hpp"

namespace nbloop::convert::package {

/// The distribution (what `pip install` takes) that provides a top-level import, e.g.
/// "sklearn" → "scikit-learn", "cv2" → "opencv-python", "PIL" → "pillow". Names not in
/// the table are their own distribution. Empty for namespaces that many distributions share
/// (`google`, `azure`): the import alone does not tell which one.
std::string distribution_for_import(std::string_view module);

/// PEP 503's normalized name: lowercase, runs of `-`, `_` and `.` become `-`.
std::string normalize_distribution(std::string_view name);

/// The distribution name a requirement spec starts with ("scikit-learn>=1.3" →
/// "scikit-learn"); empty for a URL or path ("git+https://…", "./pkg").
std::string requirement_name(std::string_view spec);

/// A requirement as pyproject.toml takes it (PEP 508): the spec as written, except that
/// conda's single-`=` pin (`scipy=1.11`, from `%conda install`) becomes `scipy==1.11.*`.
std::string pep508_spec(std::string_view spec);

/// The merged dependency list, sorted by normalized name, one entry per distribution:
/// requirements as written (version pins kept, see pep508_spec; the first one wins when a notebook pins a
/// distribution twice), then imports that no requirement covers. URL and path
/// requirements are kept as written. `skipped` receives imports whose distribution is
/// unknown (see distribution_for_import).
std::vector<std::string> merge_dependencies(const std::vector<Requirement>& requirements,
                                            const std::vector<std::string>& imports,
                                            std::vector<std::string>* skipped = nullptr);

}  // namespace nbloop::convert::package
