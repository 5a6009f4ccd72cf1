;; id: F541
;; name: f-string-missing-placeholders
;; severity: warning
;; applies-to: both
;; message: f-string without any placeholders
;; kind: native
;;
;; ## What it does
;; Checks for f-strings that contain no `{...}` placeholder.
;;
;; ## Why is this bad?
;; The `f` prefix does nothing; often a placeholder was forgotten.
;;
;; ## Example
;; ```python
;; print(f"done")
;; ```
;;
;; ## Use instead
;; ```python
;; print("done")
;; ```
