;; id: NB109
;; name: missing-cell-id
;; severity: warning
;; applies-to: notebook
;; message: Cell has no id
;; kind: native
;;
;; ## What it does
;; Checks, in notebooks of nbformat 4.5 or later, for cells without an `id`. Older notebooks (4.0–4.4, 3) have no ids and are not checked.
;;
;; ## Why is this bad?
;; nbformat 4.5 makes the id required: `nbformat.validate` fails, and Jupyter adds random ids on the next save, which makes a diff of every cell. Tools that align cells by id (merges, diffs) fall back to content matching.
;;
;; ## Default
;; On. The finding is at the file line where the cell starts.
;;
;; ## Example
;; ```json
;; {"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "metadata": {}, "source": []}]}
;; ```
;;
;; ## Use instead
;; ```json
;; {"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "id": "9f1c2e0a", "metadata": {}, "source": []}]}
;; ```
