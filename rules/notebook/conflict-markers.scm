;; id: NB112
;; name: conflict-markers
;; severity: error
;; applies-to: both
;; message: Unresolved merge-conflict markers
;; kind: native
;;
;; ## What it does
;; Checks every cell source (code, Markdown and raw) and `.py` file for unresolved merge-conflict markers as git writes them: a line starting with at least seven `<` followed by a space or the end of the line, the matching `=======` and `>>>>>>> ` lines (longer markers, from `conflict-marker-size` or `nbloop merge --marker-size`, count too). One finding per conflict, at its opening marker (or at a closing marker that has none). A Markdown setext underline (`=======` under a title) is not a marker.
;;
;; ## Why is this bad?
;; The merge was not finished: the code does not run (a code cell with markers is also a syntax error) and one side's lines may be lost. `nbloop merge` writes markers inside cells precisely so that this rule and `nbloop check` stop the notebook from being committed.
;;
;; ## Default
;; On. Reported even in cells that do not parse. `nbloop check` reports the same conflicts under `conflict-markers` and leaves this rule out of its lint step.
;;
;; ## Example
;; ```python
;; <<<<<<< ours
;; rate = 0.01
;; =======
;; rate = 0.02
;; >>>>>>> theirs
;; ```
;;
;; ## Use instead
;; ```python
;; rate = 0.02
;; ```
