;; id: NB505
;; name: hardcoded-api-key
;; severity: error
;; applies-to: both
;; message: Possible hardcoded API key
;; kind: native
;;
;; ## What it does
;; Checks for string literals bound to API-key names: `api_key`, `apikey`/`apiKey`, `access_key` (not `access_key_id`), `auth_key`, `private_key`, `client_key`, `subscription_key`, `master_key`, `account_key` as `_`-separated parts of the name, any case. Bindings are assignments (`x = …`, `obj.x = …`, `d["x"] = …`), comparisons, keyword arguments, parameter defaults and dict entries (`{"api_key": …}`). flake8-bandit's password names (`password`, `token`, `secret`, …) are S105/S106/S107's and `hardcoded-password-dict-entry`'s.
;;
;; ## Why is this bad?
;; API keys in code leak with the repository. Read them from the environment or a secrets manager.
;;
;; ## Default
;; On. The same placeholders as S105 are skipped (empty or blank strings, `xxx`, `<your-key>`, `{key}`, `${KEY}`, `changeme`, `dummy`, `your…`, environment variable names such as `"OPENAI_API_KEY"`, paths and URLs, prompts). A key of a known format is reported by `secret-token` instead.
;;
;; ## Example
;; ```python
;; openai.api_key = "3f9a1c7e0b2d4f6a8c1e3b5d7f9a2c4e"
;; ```
;;
;; ## Use instead
;; ```python
;; openai.api_key = os.environ["OPENAI_API_KEY"]
;; ```
