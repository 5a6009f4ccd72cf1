;; id: F602
;; name: multi-value-repeated-key-variable
;; severity: warning
;; applies-to: both
;; message: Dictionary key `{key}` repeated
;; kind: native
;;
;; ## What it does
;; Checks for dictionary literals that repeat a variable key with a different value.
;;
;; ## Why is this bad?
;; If the variable has the same value both times, only the last entry is kept.
;;
;; ## Example
;; ```python
;; d = {key: 1, key: 2}
;; ```
;;
;; ## Use instead
;; ```python
;; d = {key: 2}
;; ```
