;; id: F841
;; name: unused-variable
;; severity: warning
;; applies-to: both
;; message: Local variable `{name}` is assigned to but never used
;; kind: native
;;
;; ## What it does
;; Checks for local variables in functions that are assigned and never read, and for `except ... as name` whose name is never read.
;;
;; ## Why is this bad?
;; The assignment is dead code, or the variable was meant to be used and a bug hides behind the typo. Names starting with `_` and plain tuple unpacking from a call are not reported.
;;
;; ## Example
;; ```python
;; def f():
;;     x = compute()
;;     return 1
;; ```
;;
;; ## Use instead
;; ```python
;; def f():
;;     compute()
;;     return 1
;; ```
