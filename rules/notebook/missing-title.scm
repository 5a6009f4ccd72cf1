;; id: NB111
;; name: missing-title
;; severity: info
;; applies-to: notebook
;; message: The first cell is not a Markdown heading
;; kind: native
;; default: off
;;
;; ## What it does
;; Checks that the first cell is a Markdown cell whose first line is a heading (`# Title`, a setext heading or an HTML `<h1>`–`<h6>`).
;;
;; ## Why is this bad?
;; The title is what a reader, a rendered listing (GitHub, nbviewer, Jupyter Book) and the converted module's docstring start from; a notebook that opens with code says nothing about what it is for.
;;
;; ## Default
;; Off: it is a house style, not a defect. Turn it on with `extend-select = ["NB111"]`. The finding is at `cell 1:1:1`.
;;
;; ## Example
;; ```python
;; # cell 1 (code)
;; import pandas as pd
;; ```
;;
;; ## Use instead
;; ```markdown
;; # Churn model: feature selection
;; ```
