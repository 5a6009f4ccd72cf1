;; id: NB104
;; name: name-defined-later
;; severity: error
;; applies-to: notebook
;; message: Name is defined only in a later cell
;; kind: native
;;
;; ## What it does
;; Checks for names read by module-level code of a cell that no earlier cell defines, while a later cell does.
;;
;; ## Why is this bad?
;; The cell works only when the later cell has already run: the notebook was built out of order and fails on *Restart & Run All*. `F821 undefined-name` reports the same read as undefined; this rule says where the definition is, so the fix is to move that cell up.
;;
;; ## Default
;; On. Function bodies are not checked (they see every cell, as pyflakes resolves them after the whole module).
;;
;; ## Example
;; ```python
;; # cell 1
;; model.fit(X, y)
;; # cell 2
;; model = LinearRegression()
;; ```
;;
;; ## Use instead
;; ```python
;; # cell 1
;; model = LinearRegression()
;; # cell 2
;; model.fit(X, y)
;; ```
