;; id: F601
;; name: multi-value-repeated-key-literal
;; severity: warning
;; applies-to: both
;; message: Dictionary key literal `{key}` repeated
;; kind: native
;;
;; ## What it does
;; Checks for dictionary literals that repeat a literal key with a different value.
;;
;; ## Why is this bad?
;; Only the last value is kept; the earlier one is silently lost.
;;
;; ## Example
;; ```python
;; colors = {"red": 1, "red": 2}
;; ```
;;
;; ## Use instead
;; ```python
;; colors = {"red": 2}
;; ```
