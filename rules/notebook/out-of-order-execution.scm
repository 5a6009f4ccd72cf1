;; id: NB103
;; name: out-of-order-execution
;; severity: warning
;; applies-to: notebook
;; message: Execution counts are out of order or have gaps
;; kind: native
;;
;; ## What it does
;; Checks the execution counts of the code cells, top to bottom: a count not above the count of the code cell before it (the cells ran out of order), a count more than one above every count so far (cells ran that are not above it: re-runs, deleted cells or cells below) and a first count above 1 (code ran before the first cell). Each break is reported once: after `30` then `2`, the cells counted `3`, `4`, … that follow in order are not reported again.
;;
;; ## Why is this bad?
;; The outputs then show a state that *Restart & Run All* may not reproduce: values come from cells run in another order, or from code that is no longer there. Hidden state is the most common reason a notebook that "worked" fails for the next person.
;;
;; ## Default
;; On (notebooks with no counts, e.g. stripped ones, have nothing to report). Cells without a count are skipped. The finding is on the cell (`cell N:1:1`) at the file line of its `execution_count`.
;;
;; ## Example
;; ```text
;; [1] import pandas as pd
;; [5] df = pd.read_csv("data.csv")   # jumps from 1 to 5
;; [3] df.describe()                  # ran before the cell above
;; ```
;;
;; ## Use instead
;; Restart the kernel and run all cells (or strip the counts with `nbloop strip`) before committing.
