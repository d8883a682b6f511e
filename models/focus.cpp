// Unit-focused runs: the sample of provincial visits and the focused spec (models/focus.hpp).
#include "models/focus.hpp"

#include <algorithm>
#include <cstring>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <type_traits>

namespace twotier::model {
namespace {

constexpr char kMagic[8] = {'t', 'w', 'o', 't', 'v', 'i', 's', '1'};

std::uint32_t key_of(int procedure, int step) {
  return (static_cast<std::uint32_t>(procedure) << 16) | static_cast<std::uint32_t>(step & 0xffff);
}

}  // namespace

ProvinceAggregate::ProvinceAggregate(std::vector<std::vector<ProvinceVisit>> per_replication,
                                     int neighbours)
    : neighbours_(std::max(1, neighbours)) {
  if (per_replication.empty())
    throw std::invalid_argument("a province aggregate needs at least one baseline replication");
  std::size_t total = 0;
  for (const auto& visits : per_replication)
    total += visits.size();
  visits_.reserve(total);
  for (auto& visits : per_replication) {
    std::stable_sort(visits.begin(), visits.end(),
                     [](const ProvinceVisit& a, const ProvinceVisit& b) {
                       const std::uint32_t ka = key_of(a.procedure, a.entry_step);
                       const std::uint32_t kb = key_of(b.procedure, b.entry_step);
                       return ka != kb ? ka < kb : a.entered < b.entered;
                     });
    std::vector<Range> ranges;
    for (const ProvinceVisit& v : visits) {
      const std::uint32_t key = key_of(v.procedure, v.entry_step);
      const auto index = static_cast<std::uint32_t>(visits_.size());
      if (ranges.empty() || ranges.back().key != key) ranges.push_back({key, index, index});
      visits_.push_back(v);
      ranges.back().end = index + 1;
    }
    keys_.push_back(std::move(ranges));
    visits.clear();
    visits.shrink_to_fit();
  }
}

ProvinceAggregate::Window ProvinceAggregate::window(std::uint64_t replication, int procedure,
                                                    int step, double at) const {
  const std::uint32_t key = key_of(procedure, step);
  const std::size_t n = keys_.size();
  for (std::size_t tried = 0; tried < n; ++tried) {
    const std::vector<Range>& ranges = keys_[(replication + tried) % n];
    const auto range = std::lower_bound(ranges.begin(), ranges.end(), key,
                                        [](const Range& r, std::uint32_t k) { return r.key < k; });
    if (range == ranges.end() || range->key != key) continue;
    const ProvinceVisit* first = visits_.data() + range->begin;
    const ProvinceVisit* last = visits_.data() + range->end;
    const ProvinceVisit* at_or_after = std::lower_bound(
        first, last, at, [](const ProvinceVisit& v, double t) { return v.entered < t; });
    // The k nearest in entry time: grow a window around `at` towards the nearer side.
    const ProvinceVisit* lo = at_or_after;
    const ProvinceVisit* hi = at_or_after;
    for (int k = 0; k < neighbours_ && (lo > first || hi < last); ++k) {
      if (hi == last || (lo > first && at - (lo - 1)->entered <= hi->entered - at)) {
        --lo;
      } else {
        ++hi;
      }
    }
    return {lo, hi};
  }
  return {};
}

const ProvinceVisit* ProvinceAggregate::pick(Window w, double u) {
  const auto size = static_cast<std::size_t>(w.hi - w.lo);
  return w.lo + std::min(size - 1, static_cast<std::size_t>(u * static_cast<double>(size)));
}

const ProvinceVisit* ProvinceAggregate::pick_longer(Window w, float sojourn, double u) {
  std::size_t count = 0;
  for (const ProvinceVisit* v = w.lo; v != w.hi; ++v)
    count += v->sojourn > sojourn ? 1 : 0;
  if (count == 0) return nullptr;
  std::size_t j = std::min(count - 1, static_cast<std::size_t>(u * static_cast<double>(count)));
  for (const ProvinceVisit* v = w.lo; v != w.hi; ++v) {
    if (!(v->sojourn > sojourn)) continue;
    if (j == 0) return v;
    --j;
  }
  return nullptr;  // not reached
}

const ProvinceVisit* ProvinceAggregate::draw(std::uint64_t replication, int procedure, int step,
                                             double at, double u) const {
  const Window w = window(replication, procedure, step, at);
  return w.lo == nullptr ? nullptr : pick(w, u);
}

void ProvinceAggregate::write(std::ostream& out) const {
  static_assert(std::is_trivially_copyable_v<ProvinceVisit>);
  out.write(kMagic, sizeof kMagic);
  const std::uint64_t header[3] = {sizeof(ProvinceVisit), keys_.size(),
                                   static_cast<std::uint64_t>(neighbours_)};
  out.write(reinterpret_cast<const char*>(header), sizeof header);
  for (std::size_t r = 0; r < keys_.size(); ++r) {
    std::uint64_t count = 0;
    for (const Range& range : keys_[r])
      count += range.end - range.begin;
    out.write(reinterpret_cast<const char*>(&count), sizeof count);
    for (const Range& range : keys_[r])
      out.write(reinterpret_cast<const char*>(visits_.data() + range.begin),
                static_cast<std::streamsize>((range.end - range.begin) * sizeof(ProvinceVisit)));
  }
}

ProvinceAggregate ProvinceAggregate::read(std::istream& in) {
  char magic[sizeof kMagic] = {};
  std::uint64_t header[3] = {};
  in.read(magic, sizeof magic);
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (!in || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || header[0] != sizeof(ProvinceVisit) ||
      header[1] == 0 || header[1] > 1000000)
    throw std::runtime_error("not a province aggregate of this binary");
  std::vector<std::vector<ProvinceVisit>> per_replication(header[1]);
  for (auto& visits : per_replication) {
    std::uint64_t count = 0;
    in.read(reinterpret_cast<char*>(&count), sizeof count);
    if (!in || count > (std::uint64_t{1} << 32))
      throw std::runtime_error("a province aggregate cut short");
    visits.resize(count);
    in.read(reinterpret_cast<char*>(visits.data()),
            static_cast<std::streamsize>(count * sizeof(ProvinceVisit)));
    if (!in) throw std::runtime_error("a province aggregate cut short");
  }
  return ProvinceAggregate(std::move(per_replication), static_cast<int>(header[2]));
}

sim::Instant visit_moment(const sim::Calendar& calendar, double entered, double offset,
                          sim::Instant at) {
  const sim::Instant shifted = at + sim::Duration{offset};
  const sim::Instant from{entered};
  const sim::Instant then{entered + offset};
  const double end = calendar.end().seconds;
  if (!(from.seconds >= 0.0 && then.seconds < end && at.seconds >= 0.0 && at.seconds < end))
    return shifted;
  const double worked = calendar.work_clock(then) - calendar.work_clock(from);
  if (!(worked > 0.0)) return shifted;  // all of it idle: as in calendar time
  const double target = calendar.work_clock(at) + worked;
  if (!(target <= calendar.total_work_seconds())) return shifted;
  // Idle time since the last working second before `then` (that second lies after `from`).
  const double idle =
      then.seconds - calendar.instant_at_work_clock(calendar.work_clock(then)).seconds;
  const sim::Instant moved{calendar.instant_at_work_clock(target).seconds + idle};
  return moved < at ? at : moved;
}

std::string focus_unsupported(const ModelSpec& spec, int unit) {
  if (unit < 0 || static_cast<std::size_t>(unit) >= spec.units.size()) return "no such unit";
  const UnitSpec& u = spec.units[static_cast<std::size_t>(unit)];
  if (u.tier() == Tier::kProvince)
    return u.id + " is a provincial body (" + to_string(u.kind) +
           "): it serves the whole province, so a focused run cannot stand in for it";
  if (spec.levers.file_elsewhere_share > 0.0)
    return "province-wide filing ([filing]) lets citizens file at other units";
  if (!spec.levers.pools.empty()) return "shared pools ([pools]) serve several units";
  return {};
}

ModelSpec focused_spec(const ModelSpec& full, int unit,
                       std::shared_ptr<const ProvinceAggregate> province) {
  ModelSpec spec = full;
  const auto other = [unit](const auto& entry) { return entry.unit != unit; };
  std::erase_if(spec.arrivals, other);
  std::erase_if(spec.replay, other);
  std::erase_if(spec.backlog, other);
  for (InternalStreamSpec& stream : spec.internal_work.streams)
    std::erase_if(stream.units, [unit](int u) { return u != unit; });
  spec.focus.unit = unit;
  spec.focus.province = std::move(province);
  spec.focus.record_visits = false;
  return spec;
}

std::string focus_note(const ModelSpec& spec, bool vietnamese) {
  if (spec.focus.unit < 0) return {};
  const UnitSpec& u = spec.units[static_cast<std::size_t>(spec.focus.unit)];
  const std::string b =
      std::to_string(spec.focus.province ? spec.focus.province->replications() : 0);
  if (vietnamese)
    return "Mô phỏng tập trung: chỉ " + u.name + " (" + u.id +
           ") được mô phỏng đầy đủ; phần còn lại của tỉnh là số liệu tổng hợp (thời gian hồ sơ "
           "của đơn vị ở các cơ quan cấp tỉnh được lấy mẫu từ " +
           b +
           " lần lặp cơ sở của toàn tỉnh). Không báo cáo số liệu toàn tỉnh, theo cấp hay theo "
           "lĩnh vực; muốn mô phỏng toàn tỉnh: bỏ --focus (twotier staff: --full).";
  return "Focused run: only " + u.name + " (" + u.id +
         ") is simulated in full; the rest of the province is an aggregate (the unit's "
         "dossiers' time at the provincial bodies is drawn from " +
         b +
         " baseline replication(s) of the whole province). Province, tier and domain figures "
         "are not reported; for the whole province run without --focus (twotier staff: --full).";
}

}  // namespace twotier::model
