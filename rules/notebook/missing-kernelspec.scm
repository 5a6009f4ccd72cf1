;; id: NB110
;; name: missing-kernelspec
;; severity: warning
;; applies-to: notebook
;; message: Notebook metadata has no `kernelspec`
;; kind: native
;;
;; ## What it does
;; Checks that an nbformat 4 notebook's metadata has a `kernelspec` (the kernel that runs it).
;;
;; ## Why is this bad?
;; Without it, Jupyter asks which kernel to use, `nbconvert --execute` and papermill use a default that may not be the right one, and tools (nbloop lint included) fall back to guessing the language.
;;
;; ## Default
;; On. The finding is on the notebook as a whole: `PATH:LINE:1` at the line of `"metadata"`, `cell` 0 in JSON output.
;;
;; ## Example
;; ```json
;; {"metadata": {}, "nbformat": 4, "nbformat_minor": 5}
;; ```
;;
;; ## Use instead
;; ```json
;; {"metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
;; ```
