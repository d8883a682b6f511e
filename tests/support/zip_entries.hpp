// Reading the members of a .zip file (an .xlsx workbook) in tests: the central directory, then
// each member's bytes, inflated with zlib. Only what libxlsxwriter writes: stored or deflated
// members, no ZIP64, no encryption. Throws std::runtime_error on anything else.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>

#include <zlib.h>

namespace twotier::test {

// Member name -> uncompressed content.
inline std::map<std::string, std::string> read_zip_entries(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + file.string());
  const std::string zip((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto u16 = [&](std::size_t at) {
    if (at + 2 > zip.size()) throw std::runtime_error("zip: truncated");
    return static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at]) |
                                      static_cast<unsigned char>(zip[at + 1]) << 8);
  };
  auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };

  // End of central directory: the last "PK\5\6" (a comment may follow it).
  const std::size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos) throw std::runtime_error("zip: no end of central directory");
  const std::uint32_t count = u16(end + 10);
  std::size_t at = u32(end + 16);
  std::map<std::string, std::string> entries;
  for (std::uint32_t e = 0; e < count; ++e) {
    if (u32(at) != 0x02014b50) throw std::runtime_error("zip: bad central directory entry");
    const std::uint32_t method = u16(at + 10);
    const std::uint32_t compressed = u32(at + 20);
    const std::uint32_t size = u32(at + 24);
    const std::uint32_t name_length = u16(at + 28);
    const std::uint32_t extra_length = u16(at + 30);
    const std::uint32_t comment_length = u16(at + 32);
    const std::uint32_t local = u32(at + 42);
    const std::string name = zip.substr(at + 46, name_length);
    at += 46 + name_length + extra_length + comment_length;

    if (u32(local) != 0x04034b50) throw std::runtime_error("zip: bad local header of " + name);
    const std::size_t data = local + 30 + u16(local + 26) + u16(local + 28);
    if (data + compressed > zip.size()) throw std::runtime_error("zip: truncated " + name);
    std::string content(size, '\0');
    if (method == 0) {
      content = zip.substr(data, compressed);
    } else if (method == 8) {
      z_stream stream{};
      if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) throw std::runtime_error("zlib init");
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      stream.avail_in = compressed;
      stream.next_out = reinterpret_cast<Bytef*>(content.data());
      stream.avail_out = size;
      const int status = inflate(&stream, Z_FINISH);
      inflateEnd(&stream);
      if (status != Z_STREAM_END) throw std::runtime_error("zip: cannot inflate " + name);
    } else {
      throw std::runtime_error("zip: unsupported method for " + name);
    }
    entries.emplace(name, std::move(content));
  }
  return entries;
}

}  // namespace twotier::test
