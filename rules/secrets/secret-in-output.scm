;; id: NB504
;; name: secret-in-output
;; severity: error
;; applies-to: notebook
;; message: Credential in a cell output
;; kind: native
;;
;; ## What it does
;; Checks the text of every output (stream output, `text/plain`, `text/html`, `text/markdown`, `text/latex`, an error's traceback) for the credentials `secret-token`, `private-key-block` and `connection-string-password` recognize. The finding is on the cell (`cell N:1:1`) at the file line of the output line that holds the secret; the message says which output and which of its lines, with the secret masked.
;;
;; ## Why is this bad?
;; A printed token survives in the notebook even after the code that printed it was cleaned: `print(os.environ)`, a client's repr, a traceback of a failed request, `!cat ~/.aws/credentials`. Committing the notebook publishes it.
;;
;; ## Default
;; On. The same value shown twice by one output (as `text/plain` and `text/html`) is reported once.
;;
;; ## Example
;; ```text
;; In [3]: !cat ~/.aws/credentials
;; [default]
;; aws_access_key_id = AKIA2OGYBAH6STMMNXNN
;; ```
;;
;; ## Use instead
;; Clear the output (`nbloop strip`, or the git filter from `nbloop init`), revoke the credential, and do not print secrets.
