;; id: RUF100
;; name: unused-noqa
;; severity: info
;; applies-to: both
;; message: Unused `noqa` directive
;; kind: native
;;
;; ## What it does
;; Checks for `# noqa` comments that suppress nothing, and for codes in them that nbloop does not know.
;;
;; ## Why is this bad?
;; A stale suppression hides the next real problem on that line.
;;
;; ## Example
;; ```python
;; import os  # noqa: F401
;; print(os.sep)
;; ```
;;
;; ## Use instead
;; ```python
;; import os
;; print(os.sep)
;; ```
