;; id: NB503
;; name: connection-string-password
;; severity: error
;; applies-to: both
;; message: Connection string with a password in source
;; kind: native
;;
;; ## What it does
;; Checks source text (`.py` files and every notebook cell) for URLs that carry a password: `scheme://user:password@host` (database URLs for SQLAlchemy, `postgresql://`, `mysql+pymysql://`, `mongodb+srv://`, `redis://:password@…`, `amqp://`, `https://` with credentials). The password is masked in the message (`postgresql://etl:****@db.internal`).
;;
;; ## Why is this bad?
;; The password leaks with the repository, and the URL is usually pasted in several places. Build the URL from the environment instead.
;;
;; ## Default
;; On. Not reported: template and placeholder passwords (`{password}`, `${DB_PASSWORD}`, `%s`, `<password>`, `password`, `pass`, `secret`, `changeme`, `xxx`, `***`, anything starting with `your`), a password equal to the user name, hosts named `host`/`hostname` or containing `example`, and `host:port@` forms where the "password" is a port.
;;
;; ## Example
;; ```python
;; engine = create_engine("postgresql://etl:s3cr3t-Pa55@db.internal:5432/sales")
;; ```
;;
;; ## Use instead
;; ```python
;; engine = create_engine(os.environ["SALES_DATABASE_URL"])
;; ```
