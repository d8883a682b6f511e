#include "analysis/experiments/sweep_design.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"

namespace twotier::analysis {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// "60d" -> (60, "d", whole=true); false when the text does not start with a number.
bool split_number(const std::string& text, double& value, std::string& suffix, bool& whole) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const auto [ptr, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || !std::isfinite(value)) return false;
  const std::string number(begin, ptr);
  suffix.assign(ptr, end);
  whole = number.find_first_of(".eE") == std::string::npos;
  return true;
}

std::string shortest(double x) {
  char text[64];
  const auto [ptr, error] = std::to_chars(text, text + sizeof text, x);
  return error == std::errc() ? std::string(text, ptr) : std::to_string(x);
}

}  // namespace

std::string SweepFactor::range_text(double x) const {
  if (whole) x = std::round(x);
  if (x == 0.0) x = 0.0;  // no "-0"
  return shortest(x) + suffix;
}

std::string SweepFactor::low_text() const {
  return is_range ? range_text(low) : levels.front();
}
std::string SweepFactor::high_text() const {
  return is_range ? range_text(high) : levels.back();
}

SweepFactor parse_sweep_factor(std::string_view argument) {
  const std::string where = "--vary " + std::string(argument);
  const auto equals = argument.find('=');
  if (equals == std::string_view::npos || equals == 0)
    throw std::invalid_argument(where +
                                ": expected KEY=V1,V2,... or KEY=LOW..HIGH, e.g. "
                                "scenario.horizon=90d,180d");
  SweepFactor factor;
  factor.key = trim(argument.substr(0, equals));
  const std::string_view values = argument.substr(equals + 1);
  if (const auto dots = values.find(".."); dots != std::string_view::npos) {
    const std::string low = trim(values.substr(0, dots));
    const std::string high = trim(values.substr(dots + 2));
    std::string low_suffix, high_suffix;
    bool low_whole = false, high_whole = false;
    if (!split_number(low, factor.low, low_suffix, low_whole) ||
        !split_number(high, factor.high, high_suffix, high_whole) || low_suffix != high_suffix)
      throw std::invalid_argument(where +
                                  ": a range needs two numbers with the same unit, e.g. "
                                  "2..6 or 60d..120d");
    if (!(factor.low <= factor.high))
      throw std::invalid_argument(where + ": the range's low end is above its high end");
    factor.is_range = true;
    factor.suffix = low_suffix;
    factor.whole = low_whole && high_whole;
    return factor;
  }
  std::size_t from = 0;
  for (;;) {
    const auto comma = values.find(',', from);
    const std::string level = trim(values.substr(from, comma - from));
    if (level.empty())
      throw std::invalid_argument(where + ": empty level (allowed: V1,V2,... without empty items)");
    factor.levels.push_back(level);
    if (comma == std::string_view::npos) break;
    from = comma + 1;
  }
  return factor;
}

std::vector<std::string> SweepPoint::overrides(std::span<const SweepFactor> factors) const {
  std::vector<std::string> out;
  for (std::size_t f = 0; f < factors.size() && f < values.size(); ++f)
    if (!values[f].empty()) out.push_back(factors[f].key + "=" + values[f]);
  return out;
}

std::vector<SweepPoint> sweep_points(std::span<const SweepFactor> factors, SweepDesign design,
                                     int points, std::uint64_t seed) {
  if (factors.empty()) throw std::invalid_argument("sweep: no --vary given");
  std::set<std::string> keys;
  for (const auto& f : factors)
    if (!keys.insert(f.key).second)
      throw std::invalid_argument("sweep: --vary " + f.key + " is given twice");
  std::vector<SweepPoint> out;
  if (design == SweepDesign::kGrid) {
    std::vector<LevelFactor> grid;
    for (const auto& f : factors) {
      LevelFactor level{f.key, f.levels};
      if (f.is_range) {
        if (points < 2)
          throw std::invalid_argument("sweep: a grid over the range " + f.key +
                                      " needs --points >= 2 (values from low to high)");
        level.levels.clear();
        for (int i = 0; i < points; ++i)
          level.levels.push_back(f.range_text(f.low + (f.high - f.low) * i / (points - 1)));
      }
      grid.push_back(std::move(level));
    }
    const LevelDesign d = full_grid(grid);
    for (std::size_t p = 0; p < d.points.size(); ++p) {
      SweepPoint point;
      point.id = static_cast<int>(p);
      for (std::size_t f = 0; f < grid.size(); ++f)
        point.values.push_back(d.level(p, f));
      out.push_back(std::move(point));
    }
    return out;
  }
  // Latin hypercube: one unit-interval factor per key; ranges are scaled, level lists are
  // stratified over their levels (floor(x L), as analysis::latin_hypercube does for levels).
  std::vector<RangeFactor> unit;
  for (const auto& f : factors)
    unit.push_back({f.key, 0.0, 1.0});
  const RangeDesign d = latin_hypercube(unit, points, seed);
  for (std::size_t p = 0; p < d.points.size(); ++p) {
    SweepPoint point;
    point.id = static_cast<int>(p);
    for (std::size_t f = 0; f < factors.size(); ++f) {
      const double x = d.points[p][f];
      const SweepFactor& factor = factors[f];
      if (factor.is_range) {
        point.values.push_back(factor.range_text(factor.low + x * (factor.high - factor.low)));
      } else {
        const auto l = static_cast<std::size_t>(x * static_cast<double>(factor.levels.size()));
        point.values.push_back(factor.levels[std::min(l, factor.levels.size() - 1)]);
      }
    }
    out.push_back(std::move(point));
  }
  return out;
}

std::vector<SweepPoint> one_at_a_time_points(std::span<const SweepFactor> factors) {
  if (factors.empty()) throw std::invalid_argument("sweep: no --vary given");
  std::vector<SweepPoint> out;
  out.push_back({0, std::vector<std::string>(factors.size()), "baseline"});
  for (std::size_t f = 0; f < factors.size(); ++f) {
    for (const bool high : {false, true}) {
      SweepPoint point{static_cast<int>(out.size()), std::vector<std::string>(factors.size()),
                       factors[f].key + (high ? " high" : " low")};
      point.values[f] = high ? factors[f].high_text() : factors[f].low_text();
      out.push_back(std::move(point));
    }
  }
  return out;
}

void write_sweep_csv(std::ostream& out, std::span<const SweepFactor> factors,
                     std::span<const SweepResult> results) {
  out << "point";
  for (const auto& f : factors)
    out << ',' << csv_field(f.key);
  out << ",scope,metric,mean,ci_low,ci_high,n\n";
  for (const auto& result : results) {
    std::string prefix = std::to_string(result.point.id);
    for (std::size_t f = 0; f < factors.size(); ++f)
      prefix += ',' + csv_field(f < result.point.values.size() ? result.point.values[f] : "");
    for (const auto& row : result.summary) {
      const auto& e = row.estimate;
      out << prefix << ',' << csv_field(row.scope) << ',' << csv_field(row.metric) << ','
          << csv_number(e.mean) << ',' << csv_number(e.ci_low) << ',' << csv_number(e.ci_high)
          << ',' << e.n << '\n';
    }
  }
}

void write_sweep_csv(const std::filesystem::path& file, std::span<const SweepFactor> factors,
                     std::span<const SweepResult> results) {
  write_text_atomically(file, [&](std::ostream& out) { write_sweep_csv(out, factors, results); });
}

std::vector<TornadoBar> tornado_from_runs(std::span<const SweepFactor> factors,
                                          std::span<const SweepResult> runs, std::string_view scope,
                                          std::string_view metric) {
  if (runs.size() != 1 + 2 * factors.size())
    throw std::invalid_argument("tornado: expected the baseline and a low and high run per factor");
  const auto mean_of = [&](const SweepResult& run) {
    const SummaryRow* row = find_row(run.summary, scope, metric);
    if (row == nullptr)
      throw std::invalid_argument("--tornado: no KPI '" + std::string(metric) + "' in scope '" +
                                  std::string(scope) + "'");
    return row->estimate.mean;
  };
  std::vector<FactorEffect> effects;
  for (std::size_t f = 0; f < factors.size(); ++f)
    effects.push_back({factors[f].key, mean_of(runs[1 + 2 * f]), mean_of(runs[2 + 2 * f])});
  return tornado_ranking(effects);
}

namespace {
const SweepFactor& factor_named(std::span<const SweepFactor> factors, const std::string& key) {
  for (const auto& f : factors)
    if (f.key == key) return f;
  throw std::logic_error("tornado: unknown factor " + key);
}
}  // namespace

void write_tornado_csv(const std::filesystem::path& file, std::span<const SweepFactor> factors,
                       std::span<const TornadoBar> bars, double baseline_response) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "rank,factor,low_value,high_value,low_response,high_response,swing,baseline_response\n";
    int rank = 0;
    for (const auto& bar : bars) {
      const SweepFactor& f = factor_named(factors, bar.factor);
      out << ++rank << ',' << csv_field(bar.factor) << ',' << csv_field(f.low_text()) << ','
          << csv_field(f.high_text()) << ',' << csv_number(bar.low_response) << ','
          << csv_number(bar.high_response) << ',' << csv_number(bar.swing) << ','
          << csv_number(baseline_response) << '\n';
    }
  });
}

std::string format_tornado(std::span<const TornadoBar> bars, std::string_view metric,
                           double baseline_response) {
  // For reading: fractions as percentages (the swing in points), other KPIs to 4 digits;
  // tornado.csv keeps full precision.
  const bool fraction = is_fraction_metric(metric);
  auto shown = [fraction](double v, bool difference = false) {
    if (fraction) return percent_text(v, difference ? 2 : 1, difference);
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return std::string(text);
  };
  std::string text = "tornado: " + std::string(metric) + " (scenario as is " +
                     shown(baseline_response) + "), levers by swing\n";
  char line[320];
  int rank = 0;
  for (const auto& bar : bars) {
    std::snprintf(line, sizeof line, "%3d. %-36s low %-10s high %-10s swing %s\n", ++rank,
                  bar.factor.c_str(), shown(bar.low_response).c_str(),
                  shown(bar.high_response).c_str(), shown(bar.swing, true).c_str());
    text += line;
  }
  return text;
}

}  // namespace twotier::analysis
