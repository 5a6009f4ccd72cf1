;; id: S110
;; name: try-except-pass
;; severity: warning
;; applies-to: both
;; message: `try`-`except`-`pass` detected, consider logging the exception
;;
;; ## What it does
;; Checks for `except` clauses whose body is only `pass` and that catch everything: a bare
;; `except:`, `except Exception:`, `except BaseException:` (with or without `as e`), or a tuple
;; naming one of them, with ruff's S110 semantics (`check-typed-exception = false`). Catching a
;; specific exception and passing (`except KeyError: pass`) is not reported. Names rebound in
;; the file (a local class called `Exception`) are not the builtins and are not reported.
;;
;; ## Why is this bad?
;; Every error in the `try` body is silently dropped, including typos (`NameError`), bugs
;; (`TypeError`) and, for a bare `except` or `BaseException`, Ctrl-C and `sys.exit()`.
;; Production failures then leave no trace.
;;
;; ## Example
;; ```python
;; try:
;;     save(report)
;; except Exception:
;;     pass
;; ```
;;
;; ## Use instead
;; ```python
;; try:
;;     save(report)
;; except OSError:
;;     logger.exception("could not save the report")
;; ```
; A bare `except:` whose body is only `pass`.
(except_clause
  !value
  (block
    .
    (pass_statement)
    .)) @violation

; `except Exception:` / `except BaseException as e:`.
(except_clause
  value: (identifier) @_type
  (block
    .
    (pass_statement)
    .)
  (#any-of? @_type "Exception" "BaseException")
  (#not-local? @_type)) @violation

; A tuple naming either.
(except_clause
  value: (tuple
    (identifier) @_type)
  (block
    .
    (pass_statement)
    .)
  (#any-of? @_type "Exception" "BaseException")
  (#not-local? @_type)) @violation

; The same with `as name`, which the grammar reads as an `as_pattern` value.
(except_clause
  value: (as_pattern
    .
    [
      (identifier) @_type
      (tuple
        (identifier) @_type)
    ])
  (block
    .
    (pass_statement)
    .)
  (#any-of? @_type "Exception" "BaseException")
  (#not-local? @_type)) @violation
