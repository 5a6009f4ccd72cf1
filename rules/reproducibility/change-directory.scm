;; id: NB204
;; name: change-directory
;; severity: warning
;; applies-to: both
;; message: Changing the working directory makes relative paths depend on what ran before
;; kind: native
;;
;; ## What it does
;; Checks for changes of the process's working directory: `os.chdir(...)` and `os.fchdir(...)`
;; (resolved through the file's imports, so `from os import chdir` is found and a local
;; `chdir` is not), and in notebooks the magics `%cd`, `%pushd` and `%popd` (also written as
;; the automagic `cd ..`).
;;
;; ## Why is this bad?
;; The working directory is global state. After `%cd data`, every relative path in every later
;; cell means something else, so the notebook works only when its cells run in one order, once:
;; running the `%cd` cell twice, or skipping it, breaks the rest. In a module, `os.chdir`
;; changes the directory under every caller and every thread.
;;
;; ## Example
;; ```python
;; %cd ../data
;; df = pd.read_csv("train.csv")
;; ```
;;
;; ## Use instead
;; ```python
;; DATA = Path("../data")
;; df = pd.read_csv(DATA / "train.csv")
;; ```
