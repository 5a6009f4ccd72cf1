;; id: NB301
;; name: ipython-syntax-in-module
;; severity: error
;; applies-to: py
;; message: IPython syntax in a .py module: it will not import
;; kind: native
;;
;; ## What it does
;; Checks `.py` files for IPython-only syntax: line magics (`%matplotlib inline`), shell escapes
;; (`!pip install x`, `files = !ls`), help (`df.merge?`), automagics (`cd ..`) and cell magics
;; (`%%time`), found with the same reader the linter uses for notebook cells. It also reports
;; `get_ipython()` where nothing defines it and chained calls such as
;; `get_ipython().run_line_magic("matplotlib", "inline")`, which is what `jupyter nbconvert
;; --to script` writes for magics.
;;
;; IPython lines are a syntax error in a `.py`, so the file also gets `syntax-error` (E999);
;; this rule says why, and is reported on every such line even though a file with a syntax error
;; reports nothing else.
;;
;; ## Why is this bad?
;; `import module` raises `SyntaxError` at the first magic, and `get_ipython()` is undefined
;; outside IPython (or returns `None` when imported from `IPython`): the module works only when
;; pasted back into a notebook.
;;
;; ## Example
;; ```python
;; %matplotlib inline
;; import matplotlib.pyplot as plt
;; get_ipython().system("pip install seaborn")
;; ```
;;
;; ## Use instead
;; ```python
;; import matplotlib.pyplot as plt  # the backend is chosen by the caller or matplotlibrc
;; # seaborn is declared in pyproject.toml
;; ```
