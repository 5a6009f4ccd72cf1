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
;; operand (which may be overloaded) are effects and are not, except that an attribute read
;; on something with effects (`load().shape`) is still reported, as a "useless attribute
;; access". Strings (docstrings), `...` and comparisons (B015's) are skipped, as are IPython
;; lines. Checked against ruff 0.17.4 (`@astral-sh/ruff-wasm-nodejs`) on the corpus `.py` files
;; and this rule's fixture: same lines, columns and messages.
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
