;; id: F405
;; name: undefined-local-with-import-star-usage
;; severity: warning
;; applies-to: both
;; message: `{name}` may be undefined, or defined from star imports
;; kind: native
;;
;; ## What it does
;; Checks for names that are not defined anywhere visible but might come from a star import.
;;
;; ## Why is this bad?
;; The reader (and the linter) cannot know whether the star import provides the name, so a typo goes unnoticed.
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
