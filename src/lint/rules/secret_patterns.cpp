#include "lint/rules/secret_patterns.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace nbloop::lint::secrets {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

// Length of the run starting at `pos` of characters accepted by `ok`.
template <typename Pred>
size_t run(std::string_view text, size_t pos, Pred ok) {
  size_t n = 0;
  while (pos + n < text.size() && ok(text[pos + n])) {
    ++n;
  }
  return n;
}

bool boundary_before(std::string_view text, size_t pos) { return pos == 0 || !is_alnum(text[pos - 1]); }
bool boundary_after(std::string_view text, size_t pos) { return pos >= text.size() || !is_alnum(text[pos]); }

bool has_classes(std::string_view s, int wanted) {
  bool lo = false;
  bool up = false;
  bool digit = false;
  for (char c : s) {
    lo = lo || (c >= 'a' && c <= 'z');
    up = up || (c >= 'A' && c <= 'Z');
    digit = digit || (c >= '0' && c <= '9');
  }
  return static_cast<int>(lo) + static_cast<int>(up) + static_cast<int>(digit) >= wanted;
}

bool contains_example(std::string_view s) {
  std::string l = lowered(s);
  return l.find("example") != std::string::npos || l.find("xxxx") != std::string::npos ||
         l.find("0000000000") != std::string::npos;
}

void add(std::vector<Match>& out, Family family, size_t start, size_t end, std::string kind, std::string_view secret) {
  out.push_back(Match{family, static_cast<uint32_t>(start), static_cast<uint32_t>(end), std::move(kind), mask(secret)});
}

// Every occurrence of `needle`.
template <typename F>
void each(std::string_view text, std::string_view needle, F f) {
  for (size_t pos = text.find(needle); pos != std::string_view::npos; pos = text.find(needle, pos + 1)) {
    f(pos);
  }
}

void aws_keys(std::string_view text, std::vector<Match>& out) {
  for (std::string_view prefix : {"AKIA", "ASIA", "ABIA", "ACCA"}) {
    each(text, prefix, [&](size_t pos) {
      if (!boundary_before(text, pos)) {
        return;
      }
      size_t n = run(text, pos + 4, is_upper_or_digit);
      if (n != 16 || !boundary_after(text, pos + 20)) {
        return;
      }
      std::string_view key = text.substr(pos, 20);
      if (!contains_example(key)) {
        add(out, Family::token, pos, pos + 20, "AWS access key id", key);
      }
    });
  }
  // A secret access key has no prefix: only where it is given as one
  // (`aws_secret_access_key = …`, `"SecretAccessKey": "…"`).
  if (text.find("ecret") == std::string_view::npos && text.find("ECRET") == std::string_view::npos) {
    return;
  }
  std::string low = lowered(text);
  for (std::string_view label :
       {"aws_secret_access_key", "aws_secret_key", "secretaccesskey", "aws-secret-access-key"}) {
    each(low, label, [&](size_t pos) {
      size_t p = pos + label.size();
      p += run(text, p, [](char c) { return c == ' ' || c == '\t' || c == '"' || c == '\''; });
      if (p >= text.size() || (text[p] != '=' && text[p] != ':')) {
        return;
      }
      ++p;
      p += run(text, p, [](char c) { return c == ' ' || c == '\t' || c == '"' || c == '\''; });
      size_t n = run(text, p, [](char c) { return is_alnum(c) || c == '/' || c == '+'; });
      if (n != 40 || (p + 40 < text.size() && (is_alnum(text[p + 40]) || text[p + 40] == '/' || text[p + 40] == '+'))) {
        return;
      }
      std::string_view key = text.substr(p, 40);
      if (has_classes(key, 2) && !contains_example(key)) {
        add(out, Family::token, p, p + 40, "AWS secret access key", key);
      }
    });
  }
}

void github(std::string_view text, std::vector<Match>& out) {
  each(text, "gh", [&](size_t pos) {
    if (pos + 4 > text.size() || text[pos + 3] != '_' || std::strchr("pousr", text[pos + 2]) == nullptr ||
        !boundary_before(text, pos)) {
      return;
    }
    size_t n = run(text, pos + 4, is_alnum);
    if (n != 36 || !boundary_after(text, pos + 40)) {
      return;
    }
    std::string_view token = text.substr(pos, 40);
    if (has_classes(token.substr(4), 2) && !contains_example(token)) {
      static constexpr std::array<const char*, 5> k_kinds = {"GitHub personal access token", "GitHub OAuth token",
                                                             "GitHub user-to-server token",
                                                             "GitHub server-to-server token", "GitHub refresh token"};
      size_t k = static_cast<size_t>(std::strchr("pousr", text[pos + 2]) - "pousr");
      add(out, Family::token, pos, pos + 40, k_kinds[k], token);
    }
  });
  each(text, "github_pat_", [&](size_t pos) {
    if (!boundary_before(text, pos)) {
      return;
    }
    size_t n = run(text, pos + 11, is_word);
    if (n < 60 || n > 255) {
      return;
    }
    std::string_view token = text.substr(pos, 11 + n);
    if (has_classes(token.substr(11), 2) && !contains_example(token)) {
      add(out, Family::token, pos, pos + 11 + n, "GitHub fine-grained personal access token", token);
    }
  });
}

void gitlab(std::string_view text, std::vector<Match>& out) {
  each(text, "glpat-", [&](size_t pos) {
    if (!boundary_before(text, pos)) {
      return;
    }
    size_t n = run(text, pos + 6, [](char c) { return is_word(c) || c == '-' || c == '.'; });
    if (n < 20 || n > 255) {
      return;
    }
    std::string_view token = text.substr(pos, 6 + n);
    if (has_classes(token.substr(6), 2) && !contains_example(token)) {
      add(out, Family::token, pos, pos + 6 + n, "GitLab personal access token", token);
    }
  });
}

void slack(std::string_view text, std::vector<Match>& out) {
  each(text, "xox", [&](size_t pos) {
    if (pos + 5 > text.size() || text[pos + 4] != '-' || std::strchr("baprs", text[pos + 3]) == nullptr ||
        !boundary_before(text, pos)) {
      return;
    }
    // xoxb-<digits>-<digits>-<alnum>, xoxp-<digits>-<digits>-<digits>-<hex>, …
    size_t digits = run(text, pos + 5, [](char c) { return c >= '0' && c <= '9'; });
    if (digits < 6 || pos + 5 + digits >= text.size() || text[pos + 5 + digits] != '-') {
      return;
    }
    size_t n = run(text, pos + 5, [](char c) { return is_alnum(c) || c == '-'; });
    if (n < 20 || n > 255) {
      return;
    }
    std::string_view token = text.substr(pos, 5 + n);
    if (!contains_example(token)) {
      add(out, Family::token, pos, pos + 5 + n, "Slack token", token);
    }
  });
  each(text, "hooks.slack.com/services/T", [&](size_t pos) {
    size_t start = text.rfind("https://", pos);
    start = start != std::string_view::npos && start + 8 == pos ? start : pos;
    size_t p = pos + 25;  // at 'T'
    size_t team = run(text, p + 1, is_upper_or_digit);
    p += 1 + team;
    if (team < 6 || p >= text.size() || text[p] != '/' || p + 1 >= text.size() || text[p + 1] != 'B') {
      return;
    }
    size_t bot = run(text, p + 2, is_upper_or_digit);
    p += 2 + bot;
    if (bot < 6 || p >= text.size() || text[p] != '/') {
      return;
    }
    size_t secret = run(text, p + 1, is_alnum);
    if (secret < 20) {
      return;
    }
    size_t end = p + 1 + secret;
    std::string_view url = text.substr(start, end - start);
    if (!contains_example(url)) {
      add(out, Family::token, start, end, "Slack webhook URL", text.substr(p + 1, secret));
      out.back().masked = "https://hooks.slack.com/services/" + std::string(text.substr(pos + 25, 3)) + "****/****";
    }
  });
}

void openai_anthropic(std::string_view text, std::vector<Match>& out) {
  each(text, "sk-", [&](size_t pos) {
    if (pos > 0 && (is_alnum(text[pos - 1]) || text[pos - 1] == '-' || text[pos - 1] == '_')) {
      return;
    }
    size_t body = pos + 3;
    std::string_view rest = text.substr(body);
    std::string kind;
    size_t n = 0;
    auto key_char = [](char c) { return is_word(c) || c == '-'; };
    if (rest.starts_with("ant-")) {
      n = run(text, body, key_char);
      if (n < 80) {
        return;
      }
      kind = "Anthropic API key";
    } else if (rest.starts_with("proj-") || rest.starts_with("svcacct-") || rest.starts_with("admin-")) {
      n = run(text, body, key_char);
      size_t label = rest.find('-') + 1;
      if (n < label + 40) {
        return;
      }
      kind = "OpenAI API key";
    } else {
      n = run(text, body, is_alnum);
      if (n < 32 || n > 200 || (body + n < text.size() && (text[body + n] == '-' || text[body + n] == '_'))) {
        return;
      }
      kind = "OpenAI API key";
    }
    std::string_view key = text.substr(pos, 3 + n);
    if (has_classes(key.substr(3), 3) && !contains_example(key)) {
      add(out, Family::token, pos, pos + 3 + n, kind, key);
    }
  });
}

void private_keys(std::string_view text, std::vector<Match>& out) {
  each(text, "-----BEGIN ", [&](size_t pos) {
    size_t eol = text.find("-----", pos + 11);
    if (eol == std::string_view::npos || eol - pos > 60) {
      return;
    }
    std::string_view label = text.substr(pos + 11, eol - pos - 11);
    if (!label.ends_with("PRIVATE KEY") && !label.ends_with("PRIVATE KEY BLOCK")) {
      return;
    }
    size_t end = eol + 5;
    // The key body: base64 after line breaks (real or written as `\n` in a string literal).
    size_t p = end;
    while (p < text.size()) {
      if (text[p] == '\n' || text[p] == '\r' || text[p] == ' ' || text[p] == '"' || text[p] == '\'') {
        ++p;
      } else if (text[p] == '\\' && p + 1 < text.size() && (text[p + 1] == 'n' || text[p + 1] == 'r')) {
        p += 2;
      } else {
        break;
      }
    }
    // PGP and OpenSSH blocks may start with header lines ("Version: …", "Proc-Type: …").
    size_t body = run(text, p, [](char c) { return is_alnum(c) || c == '+' || c == '/' || c == '='; });
    bool headers = text.substr(p).starts_with("Proc-Type:") || text.substr(p).starts_with("Version:");
    if (body < 40 && !headers) {
      return;
    }
    add(out, Family::private_key, pos, end, std::string(label) + " block", "");
    out.back().masked = "-----BEGIN " + std::string(label) + "-----";
  });
}

bool placeholder_password(std::string_view password, std::string_view user) {
  std::string p = lowered(password);
  if (p.empty() || p == lowered(user)) {
    return true;
  }
  if (std::all_of(p.begin(), p.end(), [&](char c) { return c == p[0]; })) {
    return true;  // xxx, ***, ...
  }
  if (p.find('<') != std::string::npos || p.find('{') != std::string::npos || p.find('$') != std::string::npos ||
      p.find("%s") != std::string::npos || p.find("%(") != std::string::npos || p.find('[') != std::string::npos ||
      p.find("...") != std::string::npos) {
    return true;
  }
  static constexpr std::array<std::string_view, 24> k_words = {
      "password", "passwd",     "pass",         "pwd",           "secret",        "changeme", "change_me", "change-me",
      "example",  "dummy",      "fake",         "sample",        "placeholder",   "redacted", "masked",    "hidden",
      "token",    "mypassword", "yourpassword", "your_password", "your-password", "pw",       "p@ssw0rd",  "test"};
  if (std::find(k_words.begin(), k_words.end(), p) != k_words.end()) {
    return true;
  }
  return p.starts_with("your") || p.starts_with("my_") || p.starts_with("my-") ||
         p.find("password") != std::string::npos;
}

// scheme://user:password@host
void connection_strings(std::string_view text, std::vector<Match>& out) {
  each(text, "://", [&](size_t pos) {
    size_t s = pos;
    while (s > 0 && (is_alnum(text[s - 1]) || text[s - 1] == '+' || text[s - 1] == '.' || text[s - 1] == '-')) {
      --s;
    }
    if (s == pos || !((text[s] >= 'a' && text[s] <= 'z') || (text[s] >= 'A' && text[s] <= 'Z'))) {
      return;
    }
    std::string_view scheme = text.substr(s, pos - s);
    size_t u = pos + 3;
    auto user_char = [](char c) {
      return is_alnum(c) || c == '_' || c == '-' || c == '.' || c == '%' || c == '~' || c == '!' || c == '+';
    };
    size_t user_len = run(text, u, user_char);
    size_t colon = u + user_len;
    if (colon >= text.size() || text[colon] != ':') {
      return;
    }
    auto password_char = [](char c) {
      return c > ' ' && c != '@' && c != '/' && c != '"' && c != '\'' && c != '`' && c != ':' && c != '\\' &&
             c != '<' && c != '>' && static_cast<unsigned char>(c) < 0x7F;
    };
    size_t pw_len = run(text, colon + 1, password_char);
    size_t at = colon + 1 + pw_len;
    if (pw_len == 0 || at >= text.size() || text[at] != '@') {
      return;
    }
    size_t host_len = run(text, at + 1, [](char c) { return is_alnum(c) || c == '.' || c == '-' || c == '_'; });
    if (host_len == 0) {
      return;
    }
    std::string_view user = text.substr(u, user_len);
    std::string_view password = text.substr(colon + 1, pw_len);
    std::string_view host = text.substr(at + 1, host_len);
    if (placeholder_password(password, user) || contains_example(host) || host == "host" || host == "hostname") {
      return;
    }
    // A port where the password would be (`http://host:8080@…` is not a credential).
    if (std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        user.find('.') != std::string_view::npos) {
      return;
    }
    Match m{Family::connection_string, static_cast<uint32_t>(colon + 1), static_cast<uint32_t>(at),
            std::string(scheme) + " connection string with a password", ""};
    m.masked = std::string(scheme) + "://" + std::string(user) + ":****@" + std::string(host);
    out.push_back(std::move(m));
  });
}

}  // namespace

std::string mask(std::string_view secret) {
  if (secret.size() >= 16) {
    return std::string(secret.substr(0, 4)) + "****" + std::string(secret.substr(secret.size() - 4));
  }
  if (secret.size() >= 8) {
    return std::string(secret.substr(0, 2)) + "****";
  }
  return "****";
}

std::vector<Match> scan(std::string_view text) {
  std::vector<Match> out;
  // Cheap rejection: every format has one of these.
  bool any = false;
  for (std::string_view anchor : {"AKIA", "ASIA", "ABIA", "ACCA", "ecret", "ECRET", "gh", "glpat-", "xox",
                                  "hooks.slack", "sk-", "-----BEGIN", "://"}) {
    if (text.find(anchor) != std::string_view::npos) {
      any = true;
      break;
    }
  }
  if (!any) {
    return out;
  }
  aws_keys(text, out);
  github(text, out);
  gitlab(text, out);
  slack(text, out);
  openai_anthropic(text, out);
  private_keys(text, out);
  connection_strings(text, out);
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.start < b.start; });
  return out;
}

namespace {

// The `_`-separated parts of a name, lower-cased.
std::vector<std::string> parts(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : name) {
    if (c == '_' || c == '-' || c == '.') {
      if (!cur.empty()) {
        out.push_back(cur);
      }
      cur.clear();
    } else {
      cur += lower(c);
    }
  }
  if (!cur.empty()) {
    out.push_back(cur);
  }
  return out;
}

// pas+wo?r?d
bool password_word(std::string_view p) {
  if (!p.starts_with("pa") || p.size() < 4) {
    return false;
  }
  size_t i = 2;
  size_t s = 0;
  while (i < p.size() && p[i] == 's') {
    ++i;
    ++s;
  }
  if (s == 0) {
    return false;
  }
  if (i < p.size() && p[i] == 'w') {
    ++i;
  }
  if (i < p.size() && p[i] == 'o') {
    ++i;
  }
  if (i < p.size() && p[i] == 'r') {
    ++i;
  }
  return i + 1 == p.size() && p[i] == 'd';
}

bool password_part(std::string_view p) {
  return password_word(p) || p == "pass" || p == "passphrase" || p == "pwd" || p == "token" || p == "secret" ||
         p == "secrete";
}

}  // namespace

bool is_password_name(std::string_view name) {
  for (const std::string& p : parts(name)) {
    if (password_part(p)) {
      return true;
    }
  }
  return false;
}

bool is_token_only_name(std::string_view name) {
  bool token = false;
  for (const std::string& p : parts(name)) {
    if (p == "token") {
      token = true;
    } else if (password_part(p)) {
      return false;
    }
  }
  return token;
}

bool is_api_key_name(std::string_view name) {
  std::vector<std::string> ps = parts(name);
  for (size_t i = 0; i < ps.size(); ++i) {
    if (ps[i] == "apikey" || ps[i] == "accesskey" || ps[i] == "privatekey" || ps[i] == "authkey") {
      return true;
    }
    if (i + 1 < ps.size() && ps[i + 1] == "key") {
      static constexpr std::array<std::string_view, 8> k_first = {"api",    "access",       "auth",   "private",
                                                                  "client", "subscription", "master", "account"};
      if (std::find(k_first.begin(), k_first.end(), ps[i]) != k_first.end()) {
        // `access_key_id` names the public half of an AWS key pair.
        return !(ps[i] == "access" && i + 2 < ps.size() && ps[i + 2] == "id");
      }
    }
  }
  return false;
}

bool is_placeholder(std::string_view value, std::string_view name) {
  size_t b = value.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) {
    return true;
  }
  value = value.substr(b, value.find_last_not_of(" \t\r\n") - b + 1);
  // Too short to be a credential, or no letter or digit at all (`"yes"`, `"git"`, `"㊙"`).
  if (value.size() < 4 || std::none_of(value.begin(), value.end(), is_alnum)) {
    return true;
  }
  std::string v = lowered(value);
  if (std::all_of(v.begin(), v.end(), [&](char c) { return c == v[0]; })) {
    return true;
  }
  // Templates, masks and special tokens: <your-key>, {token}, ${TOKEN}, %s, [CLS], <|endoftext|>.
  for (std::string_view t : {"<", "{", "${", "%s", "%(", "...", "***", "xxx"}) {
    if (v.find(t) != std::string::npos) {
      return true;
    }
  }
  if (v.front() == '[' && v.back() == ']') {
    return true;
  }
  static constexpr std::array<std::string_view, 36> k_words = {
      "changeme",    "change_me", "change-me", "change me", "password", "passwd",   "pass",     "secret",   "token",
      "placeholder", "example",   "dummy",     "fake",      "sample",   "redacted", "none",     "null",     "nil",
      "todo",        "fixme",     "test",      "testing",   "default",  "hidden",   "masked",   "removed",  "insert",
      "replace_me",  "replaceme", "tbd",       "true",      "false",    "enabled",  "disabled", "required", "optional"};
  if (std::find(k_words.begin(), k_words.end(), v) != k_words.end()) {
    return true;
  }
  if (v.starts_with("your") || v.starts_with("enter") || v.starts_with("insert") || v.starts_with("replace") ||
      v.starts_with("put your") || v.starts_with("my_") || v.starts_with("my-")) {
    return true;
  }
  // The name itself (`password = "password"`, `consumer_secret = "consumer.secret"`), or an
  // environment variable's name.
  auto letters = [](std::string_view x) {
    std::string out;
    for (char c : x) {
      if (is_alnum(c)) {
        out += lower(c);
      }
    }
    return out;
  };
  if (letters(value) == letters(name)) {
    return true;
  }
  if (value.size() >= 3 &&
      std::all_of(value.begin(), value.end(),
                  [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }) &&
      value.find('_') != std::string_view::npos) {
    return true;
  }
  // Paths, file names and URLs (`token_file = "token.json"`, `token_url = "https://…"`).
  if (v.find("://") != std::string::npos || v.starts_with('/') || v.starts_with("./") || v.starts_with("~/") ||
      v.starts_with("../")) {
    return true;
  }
  for (std::string_view ext : {".json", ".txt", ".pkl", ".pickle", ".yaml", ".yml", ".csv", ".pem", ".key", ".cfg",
                               ".ini", ".env", ".toml", ".pt", ".bin", ".model"}) {
    if (v.ends_with(ext)) {
      return true;
    }
  }
  // Prompts and sentences: "Enter your password: ", "Invalid token".
  if (v.ends_with(':') || v.ends_with('?') || std::count(v.begin(), v.end(), ' ') >= 2) {
    return true;
  }
  return false;
}

bool looks_like_credential(std::string_view value) {
  // Token alphabets (base64, hex, URL-safe); a regex (`[A-Z]\w*`) or words are not one.
  if (value.size() < 8 || !std::all_of(value.begin(), value.end(), [](char c) {
        return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
      })) {
    return false;
  }
  return has_classes(value, 2);
}

}  // namespace nbloop::lint::secrets
