;; id: B006
;; name: mutable-argument-default
;; severity: warning
;; applies-to: both
;; message: Do not use mutable data structures for argument defaults
;;
;; ## What it does
;; Checks for function parameters whose default value is a list, dict or set (a literal, a comprehension or a `list()`/`dict()`/`set()` call).
;;
;; ## Why is this bad?
;; The default is created once, when the function is defined, and shared by every call: changes made in one call show up in the next.
;;
;; ## Example
;; ```python
;; def add(item, items=[]):
;;     items.append(item)
;;     return items
;; ```
;;
;; ## Use instead
;; ```python
;; def add(item, items=None):
;;     if items is None:
;;         items = []
;;     items.append(item)
;;     return items
;; ```
; Literal and comprehension defaults.
(function_definition
  parameters: (parameters
    [
      (default_parameter
        value: [
          (list)
          (dictionary)
          (set)
          (list_comprehension)
          (dictionary_comprehension)
          (set_comprehension)
        ] @violation)
      (typed_default_parameter
        value: [
          (list)
          (dictionary)
          (set)
          (list_comprehension)
          (dictionary_comprehension)
          (set_comprehension)
        ] @violation)
    ]))

; Calls that build a new mutable container.
(function_definition
  parameters: (parameters
    [
      (default_parameter
        value: (call
          function: (_) @_fn) @violation)
      (typed_default_parameter
        value: (call
          function: (_) @_fn) @violation)
    ])
  (#any-of? @_fn "list" "dict" "set" "bytearray" "collections.deque" "deque" "collections.OrderedDict" "OrderedDict" "collections.defaultdict" "defaultdict" "collections.Counter" "Counter"))
