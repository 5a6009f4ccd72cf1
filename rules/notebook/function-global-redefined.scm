;; id: NB105
;; name: function-global-redefined
;; severity: warning
;; applies-to: notebook
;; message: Global read by a function is redefined between its calls
;; kind: native
;;
;; ## What it does
;; Checks for a module-level name that a function reads as a global, redefined by a later cell while that function is called both before the redefinition (after the name's previous definition) and after it. Precisely: a function defined at module level reads global `x`; `x` is bound at module level in cell A and bound again in a later cell B; the function is used by module-level code between the two bindings and again after the binding in B. The finding is on the binding in B.
;;
;; ## Why is this bad?
;; The same call gives different results depending on which cells ran: re-running the earlier cell after B, or skipping B, silently changes what the function computes. Readers see one definition of the function and assume one behaviour.
;;
;; ## Default
;; On. Redefinitions in the same cell are not reported (running the cell top to bottom is deterministic), nor functions called only once, nor names a function does not read.
;;
;; ## Example
;; ```python
;; # cell 1
;; threshold = 0.5
;; def predict(p):
;;     return p > threshold
;; # cell 2
;; predict(scores)
;; # cell 3
;; threshold = 0.9
;; # cell 4
;; predict(scores)
;; ```
;;
;; ## Use instead
;; ```python
;; def predict(p, threshold):
;;     return p > threshold
;; predict(scores, 0.5)
;; predict(scores, 0.9)
;; ```
