// Recognizers for credentials in text (cell sources, .py files, outputs): token formats with
// a fixed shape (AWS, GitHub, GitLab, Slack, OpenAI, Anthropic), private key blocks and
// connection strings with a password, plus the name and value tests behind the
// password-name rules (S105/S106/S107, NB505, NB506). Each match knows how to show itself
// without echoing the secret.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nbloop::lint::secrets {

enum class Family : uint8_t { token, private_key, connection_string };

struct Match {
  Family family = Family::token;
  uint32_t start = 0;  ///< bytes of the secret (the whole token, the BEGIN line, the URL's credentials)
  uint32_t end = 0;
  std::string kind;    ///< e.g. "GitHub personal access token"
  std::string masked;  ///< e.g. "ghp_****abcd"
};

/// Every credential of a known format in `text`, in order. Placeholders (`AKIAIOSFODNN7EXAMPLE`,
/// `sk-...`, `xoxb-your-token`, `user:password@`, `<password>`) are not matches.
std::vector<Match> scan(std::string_view text);

/// Shows a secret without giving it away: a few characters at each end (`ghp_****abcd`).
std::string mask(std::string_view secret);

/// ruff's (flake8-bandit's) password names: an `_`-separated part of the name, any case, is
/// `password` (and spellings `pas+wo?r?d`), `pass`, `passphrase`, `pwd`, `token`, `secret`
/// or `secrete`.
bool is_password_name(std::string_view name);
/// True when the only password-like part of the name is `token` (e.g. `pad_token`), which
/// in notebooks is more often a word token than a credential.
bool is_token_only_name(std::string_view name);
/// API-key names: `api_key`, `apikey`, `access_key`, `auth_key`, `private_key`,
/// `client_key`, `subscription_key`, `master_key`, `account_key` (as `_`-separated parts, any
/// case; `apiKey` counts).
bool is_api_key_name(std::string_view name);

/// The decoded-enough content of a string literal looks like a placeholder, not a secret:
/// empty or blank, shorter than 4 bytes or without a letter or digit, one repeated character
/// (`xxx`, `***`), a template (`<your-key>`, `{token}`, `${TOKEN}`, `%s`), a bracketed special
/// token (`[CLS]`, `<pad>`), a well-known dummy or setting word (`changeme`, `password`,
/// `example`, `dummy`, `redacted`, `true`, …), the name itself (ignoring case and
/// punctuation), the name of an environment variable (`OPENAI_API_KEY`), a path or URL, or a
/// prompt (`Enter password: `).
bool is_placeholder(std::string_view value, std::string_view name);

/// For token-only names: the value looks like a credential (8+ characters of a token
/// alphabet: letters, digits, `-_.~+/=`; mixing at least two of lower case, upper case and
/// digits).
bool looks_like_credential(std::string_view value);

}  // namespace nbloop::lint::secrets
