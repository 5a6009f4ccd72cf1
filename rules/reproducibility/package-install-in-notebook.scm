;; id: NB202
;; name: package-install-in-notebook
;; severity: warning
;; applies-to: notebook
;; message: A package installed from the notebook: declare the dependency instead
;; kind: native
;;
;; ## What it does
;; Checks for code cells that install packages: `%pip install x`, `!pip install x`,
;; `!python -m pip install x`, `!{sys.executable} -m pip install x`, `%conda install x`,
;; `!mamba install x`, `!uv pip install x`, `!uv add x`, and the automagic `pip install x`
;; (`sudo` and options before the subcommand are skipped).
;;
;; Installing from a declared list is not reported: `pip install -r requirements.txt`,
;; `conda install --file spec.txt`, `pip install -e .` and `pip install .` (the project's own
;; metadata declares its dependencies), nor upgrading the installer itself (`pip install -U pip
;; setuptools wheel`).
;;
;; ## Why is this bad?
;; The environment a notebook needs then exists only as side effects of running it: versions
;; are not pinned, the install runs again on every *Run All*, it may change packages under a
;; kernel that already imported them, and the module made from the notebook has no dependency
;; list at all.
;;
;; ## Example
;; ```python
;; %pip install pandas scikit-learn
;; import pandas as pd
;; ```
;;
;; ## Use instead
;; ```toml
;; # pyproject.toml (or requirements.txt / environment.yml)
;; [project]
;; dependencies = ["pandas>=2.2", "scikit-learn>=1.5"]
;; ```
;; ```python
;; import pandas as pd
;; ```
