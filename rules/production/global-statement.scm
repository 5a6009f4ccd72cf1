;; id: PLW0603
;; name: global-statement
;; severity: warning
;; applies-to: both
;; message: Using the global statement to update a name is discouraged
;; kind: native
;;
;; ## What it does
;; Checks for `global` statements in functions and classes that rebind the name there (by
;; assignment, augmented assignment, `for`, `with … as`, `except … as`, `del`, `import`, `def`
;; or `class`), with ruff's PLW0603 semantics. A `global` whose name is only read is not
;; reported. At module level (where `global` does nothing) it is reported when the module binds
;; the name, as ruff does; a notebook's cells are one module. One finding per rebound name, at
;; the name (ruff reports a name rebound twice twice, at the same place).
;;
;; ## Why is this bad?
;; A function that updates a module-level name has hidden inputs and outputs: its result depends
;; on what ran before, calling it twice differs from calling it once, and the code cannot run
;; twice in one process (two tests, two models) without interference. Notebooks make it worse:
;; the global's value depends on which cells ran.
;;
;; ## Example
;; ```python
;; model = None
;;
;; def train(data):
;;     global model
;;     model = fit(data)
;; ```
;;
;; ## Use instead
;; ```python
;; def train(data):
;;     return fit(data)
;;
;; model = train(data)
;; ```
