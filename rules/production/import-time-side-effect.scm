;; id: NB302
;; name: import-time-side-effect
;; severity: warning
;; applies-to: py
;; default: off
;; message: Top-level code runs when the module is imported
;; kind: native
;;
;; ## What it does
;; Checks the top level of a `.py` module for statements that do work when it is imported.
;; Allowed at the top level: imports, `def` and `class` (decorated too), `type` aliases,
;; docstrings, `pass`, `del`, `assert`, `raise`, `global`, assignments (constants, `__all__`,
;; configured objects such as `logger = logging.getLogger(__name__)`) unless their value calls a
;; function known to do I/O (`open`, `pandas.read_*`, `numpy.load*`, `torch.load`,
;; `pickle.load`, `json.load`, `requests.*`, `subprocess.*`, `os.system`, `glob.glob`, …), and
;; `if __name__ == "__main__":` with anything in it. `if` and `try` blocks are checked
;; statement by statement, so `if TYPE_CHECKING:` imports, `try: import x except ImportError:
;; x = None` and version checks are fine; so are class bodies, which also run at import.
;;
;; Reported: any other expression statement (`main()`, `df.head()`, `plt.plot(x)`), loops,
;; `with` and `match` blocks, and I/O in an assignment, each at its first line.
;;
;; Off by default (select `NB302`), because scripts legitimately run at the top level; files
;; starting with a `#!` line are scripts and are never reported. Notebooks are not checked:
;; every cell is top-level code by design (`nbloop convert` moves it into functions).
;;
;; ## Why is this bad?
;; Importing the module (from a test, another module, a worker process, a docs build) runs the
;; work: it reads data, trains, plots or prints, slowly and with effects the importer did not
;; ask for, and the code cannot be reused without running it.
;;
;; ## Example
;; ```python
;; import pandas as pd
;;
;; df = pd.read_csv("sales.csv")
;; print(df.describe())
;; ```
;;
;; ## Use instead
;; ```python
;; import pandas as pd
;;
;;
;; def main(path="sales.csv"):
;;     df = pd.read_csv(path)
;;     print(df.describe())
;;
;;
;; if __name__ == "__main__":
;;     main()
;; ```
