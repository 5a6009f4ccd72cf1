;; id: S106
;; name: hardcoded-password-func-arg
;; severity: error
;; applies-to: both
;; message: Possible hardcoded password assigned to argument: "{name}"
;; kind: native
;;
;; ## What it does
;; Checks for keyword arguments with a password name (as S105) given a string literal: `connect(password="hunter2")`, as ruff's S106.
;;
;; ## Why is this bad?
;; The password leaks with the repository. Pass a value read from the environment or a secrets manager.
;;
;; ## Default
;; On, with S105's placeholder exclusions.
;;
;; ## Example
;; ```python
;; connect_to_server(password="hunter2")
;; ```
;;
;; ## Use instead
;; ```python
;; import os
;;
;; connect_to_server(password=os.environ["PASSWORD"])
;; ```
