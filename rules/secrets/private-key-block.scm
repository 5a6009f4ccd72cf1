;; id: NB502
;; name: private-key-block
;; severity: error
;; applies-to: both
;; message: Private key block in source
;; kind: native
;;
;; ## What it does
;; Checks source text (`.py` files and every notebook cell) for PEM and PGP private key blocks: `-----BEGIN PRIVATE KEY-----`, `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`, `-----BEGIN PGP PRIVATE KEY BLOCK-----` and the like, followed by key material (real line breaks or `\n` inside a string). The finding is on the BEGIN line; the key is never shown.
;;
;; ## Why is this bad?
;; Anyone who can read the repository can impersonate the key's owner: sign, decrypt, log in to servers. Remove the key and rotate it; load keys from files outside the repository or from a secrets manager.
;;
;; ## Default
;; On. A BEGIN line with no key material after it (`-----BEGIN PRIVATE KEY-----\n...`, a regex, a parser's constant) is not reported.
;;
;; ## Example
;; ```python
;; KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n..."
;; ```
;;
;; ## Use instead
;; ```python
;; KEY = Path(os.environ["DEPLOY_KEY_FILE"]).read_text()
;; ```
