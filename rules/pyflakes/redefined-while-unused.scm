;; id: F811
;; name: redefined-while-unused
;; severity: warning
;; applies-to: both
;; message: Redefinition of unused `{name}` from line {line}
;; kind: native
;;
;; ## What it does
;; Checks for an import, function or class that is defined again before the first definition was ever used.
;;
;; ## Why is this bad?
;; The first definition is dead code, and often the second one was meant to have another name. Definitions in different branches of an `if` or `try` are not reported.
;;
;; ## Notebook behavior
;; Re-running an import in a later cell is reported when the first import was never used in between; the message names the cell of the first definition.
;;
;; ## Example
;; ```python
;; import json
;; import json
;;
;; json.dumps({})
;; ```
;;
;; ## Use instead
;; ```python
;; import json
;;
;; json.dumps({})
;; ```
