;; id: E999
;; name: syntax-error
;; severity: error
;; applies-to: both
;; message: SyntaxError
;; kind: native
;;
;; ## What it does
;; Reports code that does not parse as Python 3.
;;
;; ## Why is this bad?
;; The code cannot run. In a notebook only the broken cell is affected: the other cells are still linted.
;;
;; ## Notebook behavior
;; IPython syntax (`%magic`, `!cmd`, `x = !cmd`, `obj?`, `%%time` cells) is not an error; cells in other languages (`%%bash`, `%%sql`, …) are skipped.
;;
;; ## Example
;; ```python
;; def f(:
;;     pass
;; ```
;;
;; ## Use instead
;; ```python
;; def f():
;;     pass
;; ```
