;; id: NB101
;; name: outputs-committed
;; severity: warning
;; applies-to: notebook
;; message: Cell has outputs or an execution count committed
;; kind: native
;; default: off
;;
;; ## What it does
;; Checks for code cells that still hold outputs or an execution count: the notebook was saved after running and not stripped. This is the rule behind `nbloop check`'s stripped check, for teams that want it in `nbloop lint` too.
;;
;; ## Why is this bad?
;; Outputs and counts make every run a diff, bloat the repository, hide the code under results in review, and can leak data (see `secret-in-output`). A stripped notebook (`nbloop strip`, or the git filter installed by `nbloop init`) keeps only what a person wrote.
;;
;; ## Default
;; Off: a notebook repository that commits outputs on purpose would see one finding per cell, and `nbloop check` already reports unstripped notebooks. Turn it on with `extend-select = ["NB101"]`. The finding is on the cell (`cell N:1:1`) at the file line of its execution count or first output.
;;
;; ## Example
;; ```json
;; {"cell_type": "code", "execution_count": 3, "outputs": [{"output_type": "stream", "name": "stdout", "text": ["42\n"]}], "source": ["print(answer)"]}
;; ```
;;
;; ## Use instead
;; ```json
;; {"cell_type": "code", "execution_count": null, "outputs": [], "source": ["print(answer)"]}
;; ```
