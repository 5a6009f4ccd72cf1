;; id: B018
;; name: useless-expression
;; severity: warning
;; applies-to: both
;; message: Found useless expression. Either assign it to a variable or remove it.
;; kind: native
;;
;; ## What it does
;; Checks for expression statements that have no effect, with ruff's B018 semantics: names,
;; numbers, containers, `not x`, `a or b`, `x if c else y`, and operators between literals are
;; reported; calls, awaits, subscripts, comprehensions, walruses and operators with a non-literal
;; operand (which may be overloaded) are effects and are not. Attribute access (`df.shape`,
;; `obj.prop`) is always reported ("useless attribute access"): a property with side effects
;; should be called explicitly. Strings (docstrings), `...` and comparisons (B015's) are
;; skipped, as are IPython lines.
;;
;; In notebooks the last top-level statement of a cell is not reported: Jupyter displays its
;; value.
;;
;; ## Why is this bad?
;; An expression whose value is dropped does nothing. In a module it is usually a leftover from
;; a notebook (`df.shape` to look at something) or a mistake (`x == 1` meant as `x = 1`, a
;; missing call `close` for `close()`); in the middle of a cell it is not even displayed.
;;
;; ## Example
;; ```python
;; df = load()
;; df.shape
;; df
;; result = fit(df)
;; ```
;;
;; ## Use instead
;; ```python
;; df = load()
;; result = fit(df)
;; ```
