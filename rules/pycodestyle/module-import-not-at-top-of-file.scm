;; id: E402
;; name: module-import-not-at-top-of-file
;; severity: warning
;; applies-to: both
;; message: Module level import not at top of file
;; kind: native
;;
;; ## What it does
;; Checks for module-level imports that come after other statements.
;;
;; ## Why is this bad?
;; Imports at the top show a module's dependencies at a glance and run before the code that needs them. Docstrings, `__future__` imports, dunder assignments, `sys.path`/`os.environ` changes and IPython magics may come first.
;;
;; ## Notebook behavior
;; Each cell is checked on its own, as ruff does: an import at the top of any cell is fine.
;;
;; ## Example
;; ```python
;; x = 1
;; import os
;; ```
;;
;; ## Use instead
;; ```python
;; import os
;;
;; x = 1
;; ```
