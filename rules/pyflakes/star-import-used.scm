;; id: F403
;; name: star-import-used
;; severity: warning
;; applies-to: both
;; message: `from {module} import *` used; unable to detect undefined names
;; kind: native
;;
;; ## What it does
;; Checks for `from module import *`.
;;
;; ## Why is this bad?
;; A star import makes it impossible to tell, from the code, where a name comes from; undefined names become invisible to the linter.
;;
;; ## Example
;; ```python
;; from math import *
;;
;; print(pi)
;; ```
;;
;; ## Use instead
;; ```python
;; from math import pi
;;
;; print(pi)
;; ```
