#include "apps/workbench/request_guard.hpp"

#include <array>
#include <cstdio>
#include <random>

namespace twotier::workbench {

bool host_allowed(std::string_view host, std::string_view bind_address, int port) {
  const std::string suffix = ":" + std::to_string(port);
  for (const std::string_view name : {bind_address, std::string_view("127.0.0.1"),
                                      std::string_view("localhost"), std::string_view("[::1]")}) {
    if (!name.empty() && host == std::string(name) + suffix) return true;
  }
  return false;
}

bool origin_allowed(std::string_view origin, std::string_view bind_address, int port) {
  if (origin.empty()) return true;
  constexpr std::string_view kScheme = "http://";
  if (!origin.starts_with(kScheme)) return false;
  return host_allowed(origin.substr(kScheme.size()), bind_address, port);
}

std::string new_session_token() {
  std::random_device device;  // the operating system's source (/dev/urandom)
  std::string token;
  token.reserve(64);
  for (int i = 0; i < 8; ++i) {
    const unsigned word = device();
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", word);
    token += hex;
  }
  return token;
}

bool token_matches(std::string_view given, std::string_view expected) {
  if (given.size() != expected.size() || expected.empty()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
  return difference == 0;
}

bool plain_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '-') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace twotier::workbench
