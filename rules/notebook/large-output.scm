;; id: NB102
;; name: large-output
;; severity: warning
;; applies-to: notebook
;; message: Output is larger than `max-output-bytes`
;; kind: native
;;
;; ## What it does
;; Checks for single outputs larger than `max-output-bytes` (default 1 MiB, set in `[tool.nbloop.lint]`), measured as the bytes of the output's JSON in the file: typically an image, a widget state or a printed DataFrame.
;;
;; ## Why is this bad?
;; Large outputs make the repository grow with every run, make diffs and merges slow, and are rarely what a reviewer needs. They are usually the notebook's result, which belongs in a report or an artifact store.
;;
;; ## Default
;; On. The finding is on the cell (`cell N:1:1`) at the file line where the output starts; the message gives its type, its size and the limit.
;;
;; ## Example
;; ```python
;; plt.figure(dpi=600)  # a 4 MB PNG in the notebook
;; ```
;;
;; ## Use instead
;; ```python
;; plt.figure(dpi=100)
;; plt.savefig("figures/loss.png")  # or strip the outputs (`nbloop strip`)
;; ```
