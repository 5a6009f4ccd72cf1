;; id: F821
;; name: undefined-name
;; severity: error
;; applies-to: both
;; message: Undefined name `{name}`
;; kind: native
;;
;; ## What it does
;; Checks for names that are read but defined nowhere: not in the module, not in an enclosing scope, not a builtin.
;;
;; ## Why is this bad?
;; The code raises `NameError` when it reaches that line.
;;
;; ## Notebook behavior
;; Cells run top to bottom: a name used at the top level of a cell before any earlier cell defines it is undefined, even if a later cell defines it (the notebook fails on *Restart & Run All*). Function bodies see every cell. IPython's `display`, `get_ipython`, `In`, `Out`, `_`, `__`, `_N` exist in notebooks only.
;;
;; ## Example
;; ```python
;; def area(r):
;;     return pi * r**2
;; ```
;;
;; ## Use instead
;; ```python
;; from math import pi
;;
;;
;; def area(r):
;;     return pi * r**2
;; ```
