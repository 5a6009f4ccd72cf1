;; id: NB106
;; name: empty-code-cell
;; severity: info
;; applies-to: notebook
;; message: Empty code cell
;; kind: native
;; default: off
;;
;; ## What it does
;; Checks for code cells whose source is empty or only whitespace.
;;
;; ## Why is this bad?
;; Empty cells are leftovers (Jupyter adds one at the end of every notebook); they add noise to diffs, to the converted module and to execution counts.
;;
;; ## Default
;; Off: Jupyter leaves an empty cell at the end of every notebook, and a CI gate (`nbloop check` runs the lint rules) should not fail on it. Turn it on with `extend-select = ["NB106"]`; severity info.
;;
;; ## Example
;; ```json
;; {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": []}
;; ```
;;
;; ## Use instead
;; Delete the cell.
