#include <catch2/catch.hpp>

#include "apps/workbench/request_guard.hpp"

using namespace twotier::workbench;

TEST_CASE("The workbench answers only to its own host names", "[workbench]") {
  CHECK(host_allowed("127.0.0.1:8080", "127.0.0.1", 8080));
  CHECK(host_allowed("localhost:8080", "127.0.0.1", 8080));
  CHECK(host_allowed("[::1]:8080", "127.0.0.1", 8080));
  CHECK(host_allowed("10.0.0.5:9000", "10.0.0.5", 9000));
  // DNS rebinding: another name that resolves to 127.0.0.1 is refused.
  CHECK_FALSE(host_allowed("evil.example:8080", "127.0.0.1", 8080));
  CHECK_FALSE(host_allowed("127.0.0.1.evil.example:8080", "127.0.0.1", 8080));
  CHECK_FALSE(host_allowed("127.0.0.1:9999", "127.0.0.1", 8080));
  CHECK_FALSE(host_allowed("127.0.0.1", "127.0.0.1", 8080));
  CHECK_FALSE(host_allowed("", "127.0.0.1", 8080));
}

TEST_CASE("A state-changing request needs this server's origin and token", "[workbench]") {
  CHECK(origin_allowed("", "127.0.0.1", 8080));
  CHECK(origin_allowed("http://127.0.0.1:8080", "127.0.0.1", 8080));
  CHECK_FALSE(origin_allowed("http://evil.example", "127.0.0.1", 8080));
  CHECK_FALSE(origin_allowed("https://127.0.0.1:8080", "127.0.0.1", 8080));
  CHECK_FALSE(origin_allowed("null", "127.0.0.1", 8080));

  const std::string token = new_session_token();
  CHECK(token.size() == 64);
  CHECK(token != new_session_token());
  CHECK(token_matches(token, token));
  CHECK_FALSE(token_matches("", token));
  CHECK_FALSE(token_matches(token.substr(1), token));
  std::string other = token;
  other.back() = other.back() == 'a' ? 'b' : 'a';
  CHECK_FALSE(token_matches(other, token));
  CHECK_FALSE(token_matches("", ""));
}

TEST_CASE("Variant names are plain words, never paths", "[workbench]") {
  CHECK(plain_name("phuoc_tan-2"));
  for (const char* bad : {"", "../x", "a/b", ".hidden", "-rf", "a b", "x.toml", "é", "a\\b"}) {
    INFO(bad);
    CHECK_FALSE(plain_name(bad));
  }
  CHECK_FALSE(plain_name(std::string(65, 'a')));
}
