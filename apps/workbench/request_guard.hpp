// What keeps the workbench safe on a shared machine: a web page from another site must not be
// able to drive it. Three checks, pure functions so they are tested without a server:
// - the Host header must name this server (127.0.0.1:PORT, localhost:PORT or the bound
//   address): a DNS-rebinding page reaches 127.0.0.1 under its own host name and is refused;
// - a state-changing request (POST) must carry the session token that only pages served by
//   this process know (a cross-site form cannot read it), and an Origin, when the browser
//   sends one, must be this server's;
// - names that become files (variant names) are plain words, never paths.
#pragma once

#include <string>
#include <string_view>

namespace twotier::workbench {

// `host` as the request's Host header gives it ("127.0.0.1:8080"); `bind_address` and `port`
// where the server listens. Accepts the bound address, 127.0.0.1, localhost and [::1], each
// with this port.
bool host_allowed(std::string_view host, std::string_view bind_address, int port);

// `origin`: the Origin header ("" when absent, as for same-origin GETs and some tools).
// An absent Origin is accepted (the token still has to match); a present one must be
// http://<an allowed host>.
bool origin_allowed(std::string_view origin, std::string_view bind_address, int port);

// 32 random bytes as 64 hex digits, from the operating system's random source.
std::string new_session_token();

// Compares in time that does not depend on where the texts differ.
bool token_matches(std::string_view given, std::string_view expected);

// A variant name: 1-64 of A-Z a-z 0-9 _ -, not starting with '-' (so never a path, an option
// or a hidden file).
bool plain_name(std::string_view name);

}  // namespace twotier::workbench
