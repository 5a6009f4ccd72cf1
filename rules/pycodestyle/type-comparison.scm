;; id: E721
;; name: type-comparison
;; severity: warning
;; applies-to: both
;; message: Use `is` and `is not` for type comparisons, or `isinstance()` for isinstance checks
;; kind: native
;;
;; ## What it does
;; Checks for `==` and `!=` comparisons where one side is `type(x)` or a builtin type.
;;
;; ## Why is this bad?
;; Types should be compared by identity, and usually `isinstance` (which accepts subclasses) is what was meant.
;;
;; ## Example
;; ```python
;; if type(x) == int:
;;     pass
;; ```
;;
;; ## Use instead
;; ```python
;; if isinstance(x, int):
;;     pass
;; ```
