;; id: NB203
;; name: shell-command
;; severity: info
;; applies-to: notebook
;; default: off
;; message: Shell command in a notebook: it depends on this machine's shell and tools
;; kind: native
;;
;; ## What it does
;; Checks for shell escapes in code cells: `!cmd`, `!!cmd`, `files = !ls`, the
;; shell-capturing magics `%sx`, `%system` and `%sc`, and IPython's shell aliases (`%ls`,
;; `%cp`, `%mv`, `%rm`, `%mkdir`, `%cat`, … or the same words as automagics, `ls data/`).
;;
;; Package installs are left to `package-install-in-notebook` (NB202) and `%cd` to
;; `change-directory` (NB204). Cells run whole by a shell (`%%bash`, `%%sh`) are not code
;; cells for the linter and are not reported.
;;
;; Off by default: shell escapes are everyday tools while exploring (`!ls data`,
;; `!nvidia-smi`); select `NB203` for notebooks that must run anywhere, such as scheduled
;; or CI notebooks.
;;
;; ## Why is this bad?
;; A shell command runs whatever shell and tools the machine has: `!wget`, `!unzip` or `!rm -rf`
;; behave differently (or do not exist) on Windows, in a slim container or on a CI runner, and
;; the notebook cannot become a Python module without rewriting them.
;;
;; ## Example
;; ```python
;; !wget -q https://example.com/data.zip && unzip -o data.zip -d data
;; ```
;;
;; ## Use instead
;; ```python
;; import shutil
;; import urllib.request
;;
;; urllib.request.urlretrieve("https://example.com/data.zip", "data.zip")
;; shutil.unpack_archive("data.zip", "data")
;; ```
