;; id: E731
;; name: lambda-assignment
;; severity: warning
;; applies-to: both
;; message: Do not assign a `lambda` expression, use a `def`
;;
;; ## What it does
;; Checks for lambda expressions assigned to a name.
;;
;; ## Why is this bad?
;; A `def` gives the function a name in tracebacks, room for a docstring and type hints.
;;
;; ## Example
;; ```python
;; square = lambda x: x * x
;; ```
;;
;; ## Use instead
;; ```python
;; def square(x):
;;     return x * x
;; ```
; name = lambda ...  (also with an annotation, or in parentheses)
(assignment
  left: (identifier)
  right: [
    (lambda)
    (parenthesized_expression
      (lambda))
  ]) @violation
