;; id: F632
;; name: is-literal
;; severity: error
;; applies-to: both
;; message: Use `==` to compare constant literals
;; kind: native
;;
;; ## What it does
;; Checks for `is` and `is not` comparisons against string, bytes or number literals.
;;
;; ## Why is this bad?
;; `is` compares identity, not value; whether two equal literals are the same object is an implementation detail (CPython warns with a SyntaxWarning).
;;
;; ## Example
;; ```python
;; if x is "done":
;;     pass
;; ```
;;
;; ## Use instead
;; ```python
;; if x == "done":
;;     pass
;; ```
