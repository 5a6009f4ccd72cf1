;; id: NB108
;; name: duplicate-cell-id
;; severity: error
;; applies-to: notebook
;; message: Duplicate cell id
;; kind: native
;;
;; ## What it does
;; Checks that no two cells share an `id`; the second and later cells with an id already used are reported.
;;
;; ## Why is this bad?
;; nbformat requires ids to be unique. Duplicates usually come from copying cells between notebooks by hand or from a bad merge; a merge driver that aligns cells by id then pairs the wrong cells.
;;
;; ## Default
;; On. The finding is at the file line of the duplicate `id`.
;;
;; ## Example
;; ```json
;; [{"cell_type": "code", "id": "a1", "source": ["x = 1"]}, {"cell_type": "code", "id": "a1", "source": ["y = 2"]}]
;; ```
;;
;; ## Use instead
;; ```json
;; [{"cell_type": "code", "id": "a1", "source": ["x = 1"]}, {"cell_type": "code", "id": "b2", "source": ["y = 2"]}]
;; ```
