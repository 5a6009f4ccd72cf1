;; id: NB107
;; name: invalid-cell-id
;; severity: error
;; applies-to: notebook
;; message: Invalid cell id
;; kind: native
;;
;; ## What it does
;; Checks that every cell `id` is a string of 1 to 64 characters from `a-z`, `A-Z`, `0-9`, `-` and `_`, as nbformat 4.5 requires.
;;
;; ## Why is this bad?
;; `nbformat.validate` rejects the notebook; JupyterLab and tools that address cells by id (nbdime, nbloop's merge driver) may drop or misplace the cell.
;;
;; ## Default
;; On. The finding is at the file line of the `id`.
;;
;; ## Example
;; ```json
;; {"cell_type": "code", "id": "load data!", "metadata": {}, "source": []}
;; ```
;;
;; ## Use instead
;; ```json
;; {"cell_type": "code", "id": "load-data", "metadata": {}, "source": []}
;; ```
