;; id: NB506
;; name: hardcoded-password-dict-entry
;; severity: error
;; applies-to: both
;; message: Possible hardcoded password in a dict entry
;; kind: native
;;
;; ## What it does
;; Checks dict displays for entries whose key is a password name (flake8-bandit's: an `_`-separated part `password`, `passwd`, `pass`, `passphrase`, `pwd`, `token` or `secret`, any case) and whose value is a string literal: `{"password": "hunter2"}`. S105 covers assignments (`d["password"] = …`) but not dict displays, the usual shape of a connection config.
;;
;; ## Why is this bad?
;; The password leaks with the repository, as with S105.
;;
;; ## Default
;; On, with S105's placeholder exclusions. Names whose only password part is `token` (`"pad_token": "<pad>"`) need a value that looks like a credential (8+ characters, no spaces, two of lower case, upper case and digits).
;;
;; ## Example
;; ```python
;; conn = psycopg2.connect(**{"host": "db", "user": "etl", "password": "s3cr3t-Pa55"})
;; ```
;;
;; ## Use instead
;; ```python
;; conn = psycopg2.connect(host="db", user="etl", password=os.environ["PGPASSWORD"])
;; ```
