;; id: S105
;; name: hardcoded-password-string
;; severity: error
;; applies-to: both
;; message: Possible hardcoded password assigned to: "{name}"
;; kind: native
;;
;; ## What it does
;; Checks for string literals assigned to, or compared with, names that look like passwords, as ruff's (flake8-bandit's) S105: a variable, attribute or string subscript key with an `_`-separated part `password` (or `passwd`, `pasword`, …), `pass`, `passphrase`, `pwd`, `token`, `secret` or `secrete`, any case: `password = "…"`, `self.secret = "…"`, `config["db_password"] = "…"`, `a = b.token = "…"`, `if password == "…":`.
;;
;; ## Why is this bad?
;; A password in source leaks with the repository and cannot be rotated without a commit. Read it from the environment, a config file kept out of version control, or a secrets manager.
;;
;; ## Default
;; On. nbloop is stricter than ruff about what is a password, so that the rule stays on: besides empty strings it skips values shorter than 4 bytes or without a letter or digit (`"git"`, `"㊙"`), placeholders (`xxx`, `***`, `<password>`, `{token}`, `${TOKEN}`, `%s`, `[CLS]`, `changeme`, `password`, `secret`, `dummy`, `example`, `test`, `redacted`, `true`, values starting with `your`/`enter`/`my_`), the name itself ignoring case and punctuation (`consumer_secret = "consumer.secret"`), environment variable names (`"GITHUB_TOKEN"`), paths and URLs (`token_file = "token.json"`), prompts and sentences (`"Enter your password: "`); and for names whose only password part is `token` (`pad_token`, `jsonnet_token`), a value must look like a credential (8+ characters of letters, digits and `-_.~+/=`, two of lower case, upper case and digits), so regexes and words are not reported. A token of a known format is reported by `secret-token` instead.
;;
;; ## Example
;; ```python
;; SECRET_KEY = "hunter2"
;; ```
;;
;; ## Use instead
;; ```python
;; import os
;;
;; SECRET_KEY = os.environ["SECRET_KEY"]
;; ```
