#include "analysis/replication_codec.hpp"

#include <cstdint>
#include <cstring>  // std::memcpy
#include <stdexcept>
#include <string>
#include <type_traits>

namespace twotier::analysis {
namespace {

class Writer {
 public:
  explicit Writer(std::vector<std::byte>& out) : out_(out) {}
  template <class T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const std::byte*>(&v);
    out_.insert(out_.end(), p, p + sizeof(T));
  }
  template <class T>
  void values(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value(static_cast<std::uint64_t>(v.size()));
    const auto* p = reinterpret_cast<const std::byte*>(v.data());
    out_.insert(out_.end(), p, p + v.size() * sizeof(T));
  }
  void text(const std::string& s) {
    value(static_cast<std::uint64_t>(s.size()));
    const auto* p = reinterpret_cast<const std::byte*>(s.data());
    out_.insert(out_.end(), p, p + s.size());
  }

 private:
  std::vector<std::byte>& out_;
};

class Reader {
 public:
  Reader(std::span<const std::byte> bytes, std::size_t& offset) : bytes_(bytes), at_(offset) {}
  template <class T>
  T value() {
    T v;
    copy(&v, sizeof(T));
    return v;
  }
  template <class T>
  std::vector<T> values() {
    const auto n = value<std::uint64_t>();
    if (n > (bytes_.size() - at_) / sizeof(T)) truncated();
    std::vector<T> v(n);
    copy(v.data(), n * sizeof(T));
    return v;
  }
  std::string text() {
    const auto n = value<std::uint64_t>();
    if (n > bytes_.size() - at_) truncated();
    std::string s(n, '\0');
    copy(s.data(), n);
    return s;
  }

 private:
  void copy(void* to, std::size_t n) {
    if (n > bytes_.size() - at_) truncated();
    std::memcpy(to, bytes_.data() + at_, n);
    at_ += n;
  }
  [[noreturn]] static void truncated() {
    throw std::runtime_error("decode_replication: the message ends early (truncated result)");
  }
  std::span<const std::byte> bytes_;
  std::size_t& at_;
};

}  // namespace

void encode_replication(const model::ReplicationResult& r, std::vector<std::byte>& out) {
  Writer w(out);
  w.value(r.replication);
  w.value(static_cast<std::uint64_t>(r.scopes.size()));
  for (const std::string& scope : r.scopes)
    w.text(scope);
  w.values(r.kpis);
  w.values(r.position_utilization);
  w.values(r.position_overtime_hours);
  w.values(r.monthly_report);
  w.value(r.daily.days);
  w.value(r.daily.units);
  w.values(r.daily.arrivals);
  w.values(r.daily.completions);
  w.values(r.daily.backlog);
  w.values(r.daily.overdue);
  w.value(r.events);
  w.value(r.dossiers);
}

model::ReplicationResult decode_replication(std::span<const std::byte> bytes, std::size_t& offset) {
  Reader in(bytes, offset);
  model::ReplicationResult r;
  r.replication = in.value<std::uint64_t>();
  const auto scopes = in.value<std::uint64_t>();
  for (std::uint64_t s = 0; s < scopes; ++s)
    r.scopes.push_back(in.text());
  r.kpis = in.values<model::KpiRow>();
  r.position_utilization = in.values<double>();
  r.position_overtime_hours = in.values<double>();
  r.monthly_report = in.values<model::MonthlyReportRow>();
  r.daily.days = in.value<int>();
  r.daily.units = in.value<int>();
  r.daily.arrivals = in.values<std::int32_t>();
  r.daily.completions = in.values<std::int32_t>();
  r.daily.backlog = in.values<std::int32_t>();
  r.daily.overdue = in.values<std::int32_t>();
  r.events = in.value<std::uint64_t>();
  r.dossiers = in.value<std::uint64_t>();
  return r;
}

}  // namespace twotier::analysis
