;; id: E722
;; name: bare-except
;; severity: warning
;; applies-to: both
;; message: Do not use bare `except`
;;
;; ## What it does
;; Checks for `except:` clauses without an exception type.
;;
;; ## Why is this bad?
;; A bare `except` also catches `KeyboardInterrupt` and `SystemExit`, so Ctrl-C and `sys.exit()` stop working inside the `try`.
;;
;; ## Example
;; ```python
;; try:
;;     run()
;; except:
;;     pass
;; ```
;;
;; ## Use instead
;; ```python
;; try:
;;     run()
;; except Exception:
;;     pass
;; ```
; An except clause with no exception type: report the `except` keyword.
(except_clause
  .
  "except" @violation
  !value)
