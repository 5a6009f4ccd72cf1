#include "lint/rules/secret_patterns.hpp"

#include <doctest/doctest.h>

using namespace nbloop::lint::secrets;

namespace {
std::vector<std::string> kinds(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : scan(text)) {
    out.push_back(m.kind + "=" + std::string(text.substr(m.start, m.end - m.start)) + "=" + m.masked);
  }
  return out;
}
}  // namespace

TEST_CASE("secrets::scan") {
  SUBCASE("token formats, masked") {
    CHECK(
        kinds("x = 'ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5'") ==
        std::vector<std::string>{"GitHub personal access token=ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5=ghp_****3fG5"});
    auto m = scan("key AKIA2OGYBAH6STMMNXNN end");
    REQUIRE(m.size() == 1);
    CHECK(m[0].kind == "AWS access key id");
    CHECK(m[0].masked == "AKIA****NXNN");
    CHECK(m[0].start == 4);
    CHECK(m[0].end == 24);
  }
  SUBCASE("placeholders and near misses") {
    CHECK(scan("AKIAIOSFODNN7EXAMPLE").empty());
    CHECK(scan("ghp_your_token_here").empty());
    CHECK(scan("AKIA2OGYBAH6STMMNXNNX").empty());  // 17 characters after the prefix
    CHECK(scan("sk-toggleable__label-arrow sk-container-id-1").empty());
    CHECK(scan("http://user:pass@proxy.dom.com:8080/").empty());
    CHECK(scan("postgresql://{user}:{password}@{host}/db").empty());
    CHECK(scan("-----BEGIN PRIVATE KEY-----\n...").empty());
    CHECK(scan("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo").empty());
  }
  SUBCASE("connection string: the password is the range") {
    auto m = scan("postgresql://etl:Zq81kd0a@db.internal/sales");
    REQUIRE(m.size() == 1);
    CHECK(m[0].start == 17);
    CHECK(m[0].end == 25);
    CHECK(m[0].masked == "postgresql://etl:****@db.internal");
  }
  SUBCASE("private key with escaped line breaks") {
    auto m = scan("K = \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLez\"");
    REQUIRE(m.size() == 1);
    CHECK(m[0].kind == "RSA PRIVATE KEY block");
  }
}

TEST_CASE("secrets names and values") {
  CHECK(is_password_name("password"));
  CHECK(is_password_name("DB_PASSWD"));
  CHECK(is_password_name("api_token"));
  CHECK(!is_password_name("passed_msg"));
  CHECK(!is_password_name("tokenizer"));
  CHECK(is_token_only_name("pad_token"));
  CHECK(!is_token_only_name("secret_token"));
  CHECK(is_api_key_name("apiKey"));
  CHECK(is_api_key_name("OPENAI_API_KEY"));
  CHECK(!is_api_key_name("aws_access_key_id"));
  CHECK(!is_api_key_name("monkey"));
  CHECK(is_placeholder("", "password"));
  CHECK(is_placeholder("<your-key>", "api_key"));
  CHECK(is_placeholder("OPENAI_API_KEY", "api_key"));
  CHECK(is_placeholder("token.json", "token_file"));
  CHECK(is_placeholder("Enter your password: ", "password_prompt"));
  CHECK(!is_placeholder("hunter2", "password"));
  CHECK(looks_like_credential("a8Fk29Dk3mQ"));
  CHECK(!looks_like_credential("the"));
  CHECK(mask("ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5") == "ghp_****3fG5");
  CHECK(mask("short-pw") == "sh****");
  CHECK(mask("abc") == "****");
}
