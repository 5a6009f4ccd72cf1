;; id: E401
;; name: multiple-imports-on-one-line
;; severity: warning
;; applies-to: both
;; message: Multiple imports on one line
;;
;; ## What it does
;; Checks for `import` statements that import several modules.
;;
;; ## Why is this bad?
;; One import per line is easier to read, to sort and to diff (PEP 8).
;;
;; ## Example
;; ```python
;; import os, sys
;; ```
;;
;; ## Use instead
;; ```python
;; import os
;; import sys
;; ```
; import a, b
(import_statement
  name: (_)
  "," @_comma) @violation
