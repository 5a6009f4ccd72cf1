// The process exit codes every nbloop command uses.
#pragma once

namespace nbloop {

enum ExitStatus : int {
  k_exit_ok = 0,        ///< success, nothing to report
  k_exit_findings = 1,  ///< findings, changes needed or merge conflicts
  k_exit_error = 2,     ///< usage or input error
};

}  // namespace nbloop
