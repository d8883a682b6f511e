// Unit-focused runs against the whole province (models/focus.hpp,
// analysis/experiments/focus_baseline.hpp) on tests/data/focus-province: four units of
// different sizes sending land dossiers to one busy department.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/focus_baseline.hpp"
#include "analysis/statistics/confidence.hpp"
#include "analysis/statistics/paired_comparison.hpp"
#include "models/focus.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_lookup.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

namespace {

namespace fs = std::filesystem;

const std::string kFocusProvince = TWOTIER_SOURCE_DIR "/tests/data/focus-province/scenario.toml";

std::vector<double> values(const std::vector<model::ReplicationResult>& runs,
                           const std::string& scope, model::Metric metric) {
  std::vector<double> out;
  for (const auto& r : runs)
    out.push_back(test::kpi(r, scope, metric));
  return out;
}

// The whole province's baseline (fresh, not cached) and its own run, both with `replications`
// replications on two threads; `options` is set for the focused runs to compare with it.
struct WholeProvince {
  analysis::FocusBaseline baseline;
  analysis::ExperimentResult whole;
};
WholeProvince whole_province(const model::ModelSpec& full, int replications,
                             analysis::ExperimentOptions& options) {
  analysis::FocusBaselineOptions baseline_options;
  baseline_options.replications = replications;
  baseline_options.threads = 2;
  WholeProvince out{analysis::province_baseline(full, baseline_options), {}};
  options.replications = replications;
  options.threads = 2;
  out.whole = analysis::run_experiment(full, options);
  return out;
}

bool same_bits(const std::vector<model::KpiRow>& a, const std::vector<model::KpiRow>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(a[0])) == 0;
}

}  // namespace

TEST_CASE("Each unit's KPIs from a focused run agree with the whole province's", "[focus]") {
  const model::ModelSpec full = model::load_scenario(kFocusProvince);
  constexpr int kReplications = 30;
  analysis::ExperimentOptions options;
  const auto [baseline, whole] = whole_province(full, kReplications, options);
  REQUIRE_FALSE(baseline.from_cache);
  REQUIRE(baseline.province->replications() == kReplications);
  REQUIRE(baseline.province->visits() > 1000);

  const std::vector<std::string> units = {"tan_an", "binh_minh", "song_ray", "la_nga"};
  const std::vector<model::Metric> metrics = {
      model::Metric::kOnTimeRate, model::Metric::kOverdueOpenEnd, model::Metric::kCompleted};
  // Family-wise error 5 % over every check: two checks per unit and KPI. (1) The focused mean
  // inside the whole province's interval, widened by the focused mean's own standard error
  // (the two-sample interval of the difference: the plain interval would fail far more often
  // than its level, the focused mean being as noisy as the full one). (2) The paired
  // difference's interval (replication r of both runs shares the unit's streams) holding 0.
  const int checks = static_cast<int>(2 * units.size() * metrics.size());
  const double level = analysis::bonferroni_level(0.95, checks);
  for (const std::string& id : units) {
    const int unit = model::find_unit(full.units, id);
    const model::ModelSpec focused = model::focused_spec(full, unit, baseline.province);
    const analysis::ExperimentResult part = analysis::run_experiment(focused, options);
    // Only the unit's own scopes: no province, tier or domain figures from a focused run.
    for (const auto& r : part.replications)
      for (const std::string& scope : r.scopes)
        CHECK((scope == "unit:" + id || scope == "internal_unit:" + id));
    for (const model::Metric metric : metrics) {
      const std::vector<double> a = values(whole.replications, "unit:" + id, metric);
      const std::vector<double> b = values(part.replications, "unit:" + id, metric);
      const analysis::MeanInterval full_interval = analysis::mean_interval(a, level);
      const analysis::MeanInterval focused_interval = analysis::mean_interval(b, level);
      const double widened = std::hypot(full_interval.half_width, focused_interval.half_width);
      const analysis::PairedComparison paired = analysis::compare_paired(a, b, level);
      INFO(id << " " << model::metric_name(metric) << ": whole province " << full_interval.mean
              << " [" << full_interval.low << ", " << full_interval.high << "], focused "
              << focused_interval.mean << ", widened interval +-" << widened
              << ", paired difference [" << paired.difference.low << ", " << paired.difference.high
              << "]");
      CHECK(focused_interval.mean >= full_interval.mean - widened);
      CHECK(focused_interval.mean <= full_interval.mean + widened);
      CHECK_FALSE(paired.significant);
    }
  }
}

TEST_CASE("Units whose dossiers reach the department in working hours keep their completions",
          "[focus]") {
  // song_ray and la_nga transfer to the department in a calendar day, so their dossiers
  // arrive in working hours (and on Saturdays for Friday's receipts), unlike many of their
  // neighbours from the 4 h units, which arrive after closing. With the drawn stays applied as
  // calendar time from the dossier's entry, their focused runs completed fewer dossiers
  // (paired difference per replication, 200 replications, seeds 11-13: song_ray -1.1 to -1.4
  // of 300, la_nga -0.5 to -0.8 of 131). In working time (visit_moment) it is within +-0.7 (a
  // small residual of either sign remains, docs/model-runtime.md): the paired difference's
  // interval must lie within 1.5 dossiers per replication (0.5 % of song_ray's 300; before,
  // song_ray's was [-2.0, -0.8]).
  constexpr double kMargin = 1.5;
  const model::ModelSpec full = model::load_scenario(kFocusProvince);
  analysis::ExperimentOptions options;
  const auto [baseline, whole] = whole_province(full, 120, options);
  const std::vector<std::string> units = {"song_ray", "la_nga"};
  const double level = analysis::bonferroni_level(0.95, static_cast<int>(units.size()));
  for (const std::string& id : units) {
    const model::ModelSpec focused =
        model::focused_spec(full, model::find_unit(full.units, id), baseline.province);
    const analysis::ExperimentResult part = analysis::run_experiment(focused, options);
    const analysis::PairedComparison paired = analysis::compare_paired(
        values(whole.replications, "unit:" + id, model::Metric::kCompleted),
        values(part.replications, "unit:" + id, model::Metric::kCompleted), level);
    INFO(id << ": paired difference of completions [" << paired.difference.low << ", "
            << paired.difference.high << "]");
    CHECK(paired.difference.low > -kMargin);
    CHECK(paired.difference.high < kMargin);
  }
}

TEST_CASE("A focused run is deterministic and simulates only its unit's dossiers", "[focus]") {
  const model::ModelSpec full = model::load_scenario(kFocusProvince);
  analysis::FocusBaselineOptions baseline_options;
  baseline_options.replications = 2;
  baseline_options.threads = 1;
  const analysis::FocusBaseline baseline = analysis::province_baseline(full, baseline_options);
  const int unit = model::find_unit(full.units, "song_ray");
  const model::ModelSpec focused = model::focused_spec(full, unit, baseline.province);
  for (const auto& a : focused.arrivals)
    CHECK(a.unit == unit);
  const model::ReplicationResult one = model::run_replication(focused, 3);
  const model::ReplicationResult two = model::run_replication(focused, 3);
  REQUIRE(one.scopes == std::vector<std::string>{"unit:song_ray"});
  CHECK(same_bits(one.kpis, two.kpis));  // NaN included
  CHECK(one.province_visits.empty());
  // Its land dossiers went through the department in the aggregate: they were completed.
  CHECK(test::kpi(one, "unit:song_ray", model::Metric::kCompleted) > 0);
  for (const auto& row : one.monthly_report)
    CHECK(row.unit == unit);
  // The other units' officers are idle: their utilisation is not told.
  for (std::size_t p = 0; p < focused.positions.size(); ++p)
    CHECK(std::isnan(one.position_utilization[p]) == (focused.positions[p].unit != unit));
}

TEST_CASE("The province baseline is cached by scenario and binary and read back", "[focus]") {
  const fs::path dir = fs::temp_directory_path() / "twotier_focus_cache_test";
  fs::remove_all(dir);
  model::ModelSpec full = model::load_scenario(kFocusProvince);
  analysis::FocusBaselineOptions options;
  options.replications = 2;
  options.threads = 1;
  options.cache_dir = dir;
  const analysis::FocusBaseline first = analysis::province_baseline(full, options);
  REQUIRE_FALSE(first.from_cache);
  REQUIRE(fs::exists(first.cache_file));
  const analysis::FocusBaseline second = analysis::province_baseline(full, options);
  CHECK(second.from_cache);
  CHECK(second.province->visits() == first.province->visits());
  // The same draws from the cached copy.
  const int unit = model::find_unit(full.units, "tan_an");
  const model::ReplicationResult a =
      model::run_replication(model::focused_spec(full, unit, first.province), 1);
  const model::ReplicationResult b =
      model::run_replication(model::focused_spec(full, unit, second.province), 1);
  CHECK(same_bits(a.kpis, b.kpis));
  // Another seed is another key; a damaged file is simulated again.
  model::ModelSpec reseeded = full;
  reseeded.seed += 1;
  CHECK(analysis::focus_baseline_key(reseeded, 2) != analysis::focus_baseline_key(full, 2));
  CHECK(analysis::focus_baseline_key(full, 3) != analysis::focus_baseline_key(full, 2));
  { std::ofstream(first.cache_file, std::ios::trunc) << "junk"; }
  const analysis::FocusBaseline third = analysis::province_baseline(full, options);
  CHECK_FALSE(third.from_cache);
  CHECK(third.province->visits() == first.province->visits());
  fs::remove_all(dir);
}
