;; id: NB201
;; name: absolute-local-path
;; severity: warning
;; applies-to: both
;; message: Absolute local path: it exists only on one machine
;; kind: native
;;
;; ## What it does
;; Checks for string literals (and IPython lines such as `%cd` or `!cp`) holding a path that
;; exists on one machine only:
;;
;; - a home folder written out: `/Users/ann/…`, `/home/ann/…`, `C:\Users\ann\…`, and any
;;   Windows drive path (`D:/data/…`);
;; - a path under the home folder written with `~` (`~/data/train.csv`, `~ann/…`);
;; - Colab's personal Google Drive mount, `/content/drive/…`.
;;
;; Not reported: URLs (`file:///home/…` included), `/tmp` and other system folders that exist
;; on every Unix machine, `~` alone and `~/.dotfolder` paths (per-user configuration and cache
;; locations by convention, such as `~/.kaggle/kaggle.json`), docstrings and other bare
;; string statements, and paths built at run time.
;;
;; ## Why is this bad?
;; A notebook that reads `/Users/ann/Downloads/data.csv` fails for everyone but Ann, on CI, in a
;; container, and for Ann herself once the file moves. The path also leaks a user name and a
;; folder layout into version control.
;;
;; ## Example
;; ```python
;; df = pd.read_csv("/Users/ann/Downloads/sales.csv")
;; ```
;;
;; ## Use instead
;; ```python
;; DATA = Path(os.environ.get("SALES_DATA", "data"))
;; df = pd.read_csv(DATA / "sales.csv")
;; ```
