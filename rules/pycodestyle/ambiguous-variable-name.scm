;; id: E741
;; name: ambiguous-variable-name
;; severity: warning
;; applies-to: both
;; message: Ambiguous variable name: `{violation}`
;;
;; ## What it does
;; Checks for variables named `l`, `O` or `I`.
;;
;; ## Why is this bad?
;; In many fonts these look like `1` and `0`.
;;
;; ## Example
;; ```python
;; l = [1, 2, 3]
;; ```
;;
;; ## Use instead
;; ```python
;; values = [1, 2, 3]
;; ```
; Every place that binds a name.
([
  (assignment
    left: (identifier) @violation)
  (assignment
    left: (pattern_list
      (identifier) @violation))
  (assignment
    left: (tuple_pattern
      (identifier) @violation))
  (assignment
    left: (list_pattern
      (identifier) @violation))
  (augmented_assignment
    left: (identifier) @violation)
  (named_expression
    name: (identifier) @violation)
  (for_statement
    left: (identifier) @violation)
  (for_statement
    left: (pattern_list
      (identifier) @violation))
  (for_in_clause
    left: (identifier) @violation)
  (for_in_clause
    left: (pattern_list
      (identifier) @violation))
  (as_pattern_target
    (identifier) @violation)
  (global_statement
    (identifier) @violation)
  (nonlocal_statement
    (identifier) @violation)
  (parameters
    (identifier) @violation)
  (lambda_parameters
    (identifier) @violation)
  (default_parameter
    name: (identifier) @violation)
  (typed_parameter
    (identifier) @violation)
  (typed_default_parameter
    name: (identifier) @violation)
]
  (#any-of? @violation "l" "I" "O"))
