;; id: T201
;; name: print
;; severity: info
;; applies-to: py
;; default: off
;; message: `print` found
;;
;; ## What it does
;; Checks `.py` files for calls of the builtin `print` (a local function or import named
;; `print` is not the builtin and is not reported), with ruff's T201 semantics.
;;
;; Notebooks are not checked: printing is how a cell shows a result. Off by default, as in
;; ruff (select `T201`, or `T20`): scripts and command-line tools print on purpose, so the
;; rule is meant for library code.
;;
;; ## Why is this bad?
;; Library code that prints writes to a stream its caller does not control: the output cannot
;; be silenced, filtered by level, routed to a log file or kept out of a command's machine-read
;; output. Debugging prints left behind from a notebook are the usual source.
;;
;; ## Example
;; ```python
;; def load(path):
;;     print(f"loading {path}")
;;     return pd.read_csv(path)
;; ```
;;
;; ## Use instead
;; ```python
;; logger = logging.getLogger(__name__)
;;
;;
;; def load(path):
;;     logger.info("loading %s", path)
;;     return pd.read_csv(path)
;; ```
(call
  function: (identifier) @violation
  (#eq? @violation "print")
  (#not-local? @violation))
