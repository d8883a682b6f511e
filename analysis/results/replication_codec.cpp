#include "analysis/results/replication_codec.hpp"

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
    if (n == 0) return;  // `to` may be the null data() of an empty vector
    std::memcpy(to, bytes_.data() + at_, n);
    at_ += n;
  }
  [[noreturn]] static void truncated() {
    throw std::runtime_error("decode_replication: the message ends early (truncated result)");
  }
  std::span<const std::byte> bytes_;
  std::size_t& at_;
};

// Field by field: the struct has padding after `month`, whose bytes are indeterminate, and
// the encoding must be a function of the values only (checkpoints compare bytes).
void write_monthly(Writer& w, const std::vector<model::MonthlyReportRow>& rows) {
  w.value(static_cast<std::uint64_t>(rows.size()));
  for (const auto& m : rows) {
    for (const std::int64_t field :
         {std::int64_t{m.unit}, std::int64_t{m.year}, std::int64_t{m.month}, m.carried_over,
          m.received_new, m.completed_on_time, m.completed_late, m.returned_withdrawn,
          m.pending_not_due, m.pending_overdue})
      w.value(field);
  }
}

std::vector<model::MonthlyReportRow> read_monthly(Reader& in) {
  const auto n = in.value<std::uint64_t>();
  std::vector<model::MonthlyReportRow> rows;
  for (std::uint64_t i = 0; i < n; ++i) {
    model::MonthlyReportRow m;
    m.unit = static_cast<int>(in.value<std::int64_t>());
    m.year = static_cast<int>(in.value<std::int64_t>());
    m.month = static_cast<int>(in.value<std::int64_t>());
    m.carried_over = in.value<std::int64_t>();
    m.received_new = in.value<std::int64_t>();
    m.completed_on_time = in.value<std::int64_t>();
    m.completed_late = in.value<std::int64_t>();
    m.returned_withdrawn = in.value<std::int64_t>();
    m.pending_not_due = in.value<std::int64_t>();
    m.pending_overdue = in.value<std::int64_t>();
    rows.push_back(m);
  }
  return rows;
}

void write_series(Writer& w, const model::DailySeries& d) {
  w.value(d.days);
  w.value(d.units);
  w.values(d.arrivals);
  w.values(d.completions);
  w.values(d.backlog);
  w.values(d.overdue);
}

model::DailySeries read_series(Reader& in) {
  model::DailySeries d;
  d.days = in.value<int>();
  d.units = in.value<int>();
  d.arrivals = in.values<std::int32_t>();
  d.completions = in.values<std::int32_t>();
  d.backlog = in.values<std::int32_t>();
  d.overdue = in.values<std::int32_t>();
  return d;
}

// A tripwire: a field added to ReplicationResult changes its size, and must then be added to
// encode_replication and decode_replication (results crossing MPI ranks or read back from a
// checkpoint would silently lose it otherwise) and to test_replication_codec.
static_assert(sizeof(model::ReplicationResult) == 600,
              "ReplicationResult changed: update the codec, its test, then this size");

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
  w.values(r.position_help_hours);
  w.values(r.position_reassignments);
  w.values(r.position_overtime_worked_hours);
  w.values(r.officer_overtime_hours);
  write_monthly(w, r.monthly_report);
  w.values(r.officer_utilization);
  w.values(r.unit_overtime_hours);
  write_series(w, r.daily);
  write_series(w, r.daily_domain);
  write_series(w, r.daily_tier);
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
  r.position_help_hours = in.values<double>();
  r.position_reassignments = in.values<double>();
  r.position_overtime_worked_hours = in.values<double>();
  r.officer_overtime_hours = in.values<double>();
  r.monthly_report = read_monthly(in);
  r.officer_utilization = in.values<double>();
  r.unit_overtime_hours = in.values<double>();
  r.daily = read_series(in);
  r.daily_domain = read_series(in);
  r.daily_tier = read_series(in);
  r.events = in.value<std::uint64_t>();
  r.dossiers = in.value<std::uint64_t>();
  return r;
}

}  // namespace twotier::analysis
