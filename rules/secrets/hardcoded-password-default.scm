;; id: S107
;; name: hardcoded-password-default
;; severity: error
;; applies-to: both
;; message: Possible hardcoded password assigned to function default: "{name}"
;; kind: native
;;
;; ## What it does
;; Checks for parameters with a password name (as S105) whose default is a string literal: `def connect(password="hunter2")`, as ruff's S107.
;;
;; ## Why is this bad?
;; The default is a password in source, used whenever a caller forgets the argument.
;;
;; ## Default
;; On, with S105's placeholder exclusions.
;;
;; ## Example
;; ```python
;; def connect_to_server(password="hunter2"): ...
;; ```
;;
;; ## Use instead
;; ```python
;; import os
;;
;;
;; def connect_to_server(password=None):
;;     password = password or os.environ["PASSWORD"]
;; ```
