;; id: F401
;; name: unused-import
;; severity: warning
;; applies-to: both
;; message: `{name}` imported but unused
;; kind: native
;;
;; ## What it does
;; Checks for imports that are never used in the module (or, in a notebook, in any cell).
;;
;; ## Why is this bad?
;; An unused import costs start-up time, can hide a missing dependency and makes the reader wonder why it is there. `import x as x` and names listed in `__all__` are re-exports and are not reported.
;;
;; ## Notebook behavior
;; All code cells form one module: an import in cell 1 used in cell 5 is used.
;;
;; ## Example
;; ```python
;; import os
;; import sys
;;
;; print(sys.argv)
;; ```
;;
;; ## Use instead
;; ```python
;; import sys
;;
;; print(sys.argv)
;; ```
