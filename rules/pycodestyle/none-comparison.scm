;; id: E711
;; name: none-comparison
;; severity: warning
;; applies-to: both
;; message: Comparison to `None` should be `cond is None`
;; kind: native
;;
;; ## What it does
;; Checks for `== None` and `!= None`.
;;
;; ## Why is this bad?
;; `None` is a singleton; `is` states the intent and cannot be fooled by a custom `__eq__`.
;;
;; ## Example
;; ```python
;; if x == None:
;;     pass
;; ```
;;
;; ## Use instead
;; ```python
;; if x is None:
;;     pass
;; ```
