;; id: E712
;; name: true-false-comparison
;; severity: warning
;; applies-to: both
;; message: Avoid equality comparisons to `True`
;; kind: native
;;
;; ## What it does
;; Checks for `== True`, `== False`, `!= True` and `!= False`.
;;
;; ## Why is this bad?
;; Truth tests read better and work for every truthy value.
;;
;; ## Example
;; ```python
;; if done == True:
;;     pass
;; ```
;;
;; ## Use instead
;; ```python
;; if done:
;;     pass
;; ```
