;; id: NB501
;; name: secret-token
;; severity: error
;; applies-to: both
;; message: Credential of a known format in source
;; kind: native
;;
;; ## What it does
;; Checks source text (code, comments and strings of `.py` files and of every notebook cell, Markdown and raw included) for credentials of a known format:
;; - AWS access key ids (`AKIA`, `ASIA`, `ABIA`, `ACCA` + 16 characters) and AWS secret access keys where they are given as one (`aws_secret_access_key = …`, `"SecretAccessKey": "…"`);
;; - GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 characters, `github_pat_…`);
;; - GitLab personal access tokens (`glpat-…`);
;; - Slack tokens (`xoxb-`, `xoxa-`, `xoxp-`, `xoxr-`, `xoxs-` with their numeric parts) and incoming-webhook URLs (`https://hooks.slack.com/services/T…/B…/…`);
;; - OpenAI keys (`sk-` + 32 or more letters and digits, `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`) and Anthropic keys (`sk-ant-…`).
;;
;; The message names the kind and shows the secret masked (`ghp_****abcd`), never whole.
;;
;; ## Why is this bad?
;; A committed token is a leaked token: it stays in the history after the line is deleted, and scanners harvest public repositories within minutes. Revoke it, then read it from the environment or a secrets manager.
;;
;; ## Default
;; On. Placeholders are not reported: documented examples (`AKIAIOSFODNN7EXAMPLE`, anything containing `EXAMPLE` or `xxxx`), values without the right length or alphabet (`ghp_your_token_here`, `sk-...`, `xoxb-your-token`), and keys without both letters and digits.
;;
;; ## Example
;; ```python
;; client = Github("ghp_16C7e42F292c6912E7710c838347Ae178B4a")
;; ```
;;
;; ## Use instead
;; ```python
;; import os
;;
;; client = Github(os.environ["GITHUB_TOKEN"])
;; ```
