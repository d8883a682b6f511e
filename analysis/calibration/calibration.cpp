#include "analysis/calibration/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <unordered_map>

#include "analysis/calibration/distribution_fit.hpp"
#include "analysis/calibration/scenario_writer.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "models/scenario_error.hpp"
#include "sim/calendar.hpp"

namespace twotier::analysis {

namespace {

constexpr double kDefaultEffortHours = 0.5;
constexpr double kDefaultEffortCv = 1.0;
constexpr double kCalendarYears = 3.0;  // calendar range past the window (open work, deadlines)

std::string fixed(double value, int digits = 4) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

[[noreturn]] void fail_row(const std::string& file, int line, const std::string& column,
                           const std::string& value, const std::string& problem,
                           const std::string& allowed) {
  throw model::ScenarioError(file + ":" + std::to_string(line) + ": error: column '" + column +
                             "': bad value '" + value + "': " + problem +
                             (allowed.empty() ? "" : " (allowed: " + allowed + ")"));
}

template <class Items, class Id>
std::string list_ids(const Items& items, Id id) {
  std::string text;
  for (const auto& item : items) {
    if (text.size() > 200) return text + ", ...";
    text += (text.empty() ? "" : ", ") + id(item);
  }
  return text;
}

template <class Items>
int find_id(const Items& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

// The structure of a scenario synthesised from the log alone (no staffing scenario).
model::ModelSpec synthesise_structure(const DossierColumns& log, const StepRows& step_rows,
                                      LogTime window_start, LogTime window_end) {
  model::ModelSpec spec;
  spec.epoch_date = date_of(window_start);
  const int days = static_cast<int>(std::lround((window_end - window_start) / 86400.0));
  spec.calendars.emplace_back(
      spec.epoch_date, days + static_cast<int>(kCalendarYears * 366),
      sim::WeeklySchedule::office({{7.5 * 3600, 11.5 * 3600}, {13.0 * 3600, 17.0 * 3600}}));
  spec.workday_hours = 8.0;
  // Steps per procedure: the highest step number logged; a step is work when some row of it
  // names an officer position (the most frequent one becomes its skill).
  std::vector<std::map<int, std::map<std::string, long>>> positions_by_step(log.procedures.size());
  if (step_rows.for_each)
    step_rows.for_each([&](const LoggedStep& s) {
      ++positions_by_step[static_cast<std::size_t>(log.procedure[s.dossier])][s.step][s.position];
    });
  for (const std::string& id : log.units) {
    model::UnitSpec unit;
    unit.id = unit.name = id;
    unit.kind = model::UnitKind::kCommune;
    spec.units.push_back(unit);
  }
  for (std::size_t q = 0; q < log.procedures.size(); ++q) {
    model::ProcedureSpec proc;
    proc.id = proc.name = log.procedures[q];
    proc.citizen_response.working_time = false;
    const auto* steps = positions_by_step[q].empty() ? nullptr : &positions_by_step[q];
    const int count = steps == nullptr ? 1 : steps->rbegin()->first;
    for (int k = 1; k <= count; ++k) {
      model::StepSpec step;
      std::string skill = "processing";
      bool work = steps == nullptr;
      if (!work) {
        const auto found = steps->find(k);
        long best = 0;
        if (found != steps->end())
          for (const auto& [position, n] : found->second)
            if (!position.empty() && n > best) {
              best = n;
              skill = position;
              work = true;
            }
      }
      step.name = work ? skill : "step " + std::to_string(k);
      step.kind = work ? model::StepKind::kWork : model::StepKind::kDelay;
      if (work) {
        auto it = std::find(spec.skills.begin(), spec.skills.end(), skill);
        if (it == spec.skills.end()) it = spec.skills.insert(spec.skills.end(), skill);
        step.skill = static_cast<int>(it - spec.skills.begin());
        step.effort.hours = sim::Distribution::lognormal(kDefaultEffortHours, kDefaultEffortCv);
      } else {
        step.effort.working_time = false;
        step.effort.hours = sim::Distribution::lognormal(24.0, 1.0);
      }
      proc.steps.push_back(step);
    }
    spec.procedures.push_back(proc);
  }
  spec.province_unit_for_domain.fill(-1);
  return spec;
}

// Deadline in working days implied by received_at and due_at: the most frequent value.
int implied_deadline(const DossierColumns& log, const std::vector<std::size_t>& dossiers,
                     const sim::Calendar& cal, const sim::DeadlineRule& rule,
                     const sim::CivilDate& epoch) {
  std::map<int, long> votes;
  for (const std::size_t i : dossiers) {
    if (std::isnan(log.due[i])) continue;
    const sim::Instant received = to_instant(log.received[i], epoch);
    const sim::Instant due = to_instant(log.due[i], epoch);
    if (received.seconds < 0 || due >= cal.end()) continue;
    const int from = cal.effective_receipt_day(received, rule);
    const int to = cal.day_index(due);
    if (to < from) continue;
    ++votes[cal.working_days_between(from + 1, to + 1)];
  }
  int best = 0;
  long most = -1;
  for (const auto& [days, n] : votes)
    if (n > most) {
      most = n;
      best = days;
    }
  return best;
}

struct DurationFitResult {
  model::DelaySpec delay;
  std::string text;  // set for empirical tables
  FitReportRow row;
};

// Fits `sample` (hours); `fallback` is kept when the sample is too small.
DurationFitResult fit_duration(const DurationSketch& sample, const model::DelaySpec& fallback,
                               const CalibrationOptions& options, std::string parameter,
                               std::string scope) {
  DurationFitResult result;
  result.delay = fallback;
  FitReportRow& row = result.row;
  row.parameter = std::move(parameter);
  row.scope = std::move(scope);
  row.n = static_cast<long long>(sample.size());
  if (static_cast<int>(sample.size()) < options.min_duration_samples) {
    row.fallback = true;
    row.estimate = format_distribution(fallback);
    row.note = "fewer than " + std::to_string(options.min_duration_samples) +
               " samples: kept the staffing scenario's value or the default";
    return result;
  }
  const double low = sample.min(), high = sample.max();
  const double mean = sample.sum() / sample.size();
  const double variance = std::max(0.0, sample.sum_squares() / sample.size() - mean * mean);
  if (high - low <= 1e-6 * std::max(1.0, std::abs(mean)) || mean <= 0) {
    // Every value the same (to a second's rounding): a constant.
    result.delay.hours = sim::Distribution::deterministic(std::max(0.0, mean));
    row.estimate = format_distribution(result.delay);
    row.note = "constant: every sample the same";
    return result;
  }
  // Candidates: lognormal by maximum likelihood, gamma by moments (it keeps the sample mean;
  // the lognormal MLE overstates the mean of lighter-tailed data). The smaller KS statistic
  // wins.
  const LognormalFit fit = sample.lognormal();
  const double lognormal_d = sample.ks_statistic([&](double x) { return lognormal_cdf(fit, x); });
  const double cv = std::sqrt(variance) / mean;
  const double gamma_d = sample.ks_statistic([&](double x) { return gamma_cdf(mean, cv, x); });
  row.gof_statistic = "ks_d";
  if (lognormal_d <= gamma_d) {
    row.gof_value = lognormal_d;
    result.delay.hours = sim::Distribution::lognormal(fit.mean(), fit.cv());
    row.note =
        "lognormal by maximum likelihood (KS p conservative: parameters fitted); gamma "
        "KS D " +
        fixed(gamma_d, 3);
  } else {
    row.gof_value = gamma_d;
    result.delay.hours = sim::Distribution::gamma(mean, cv);
    row.note = "gamma by moments (KS p conservative: parameters fitted); lognormal MLE KS D " +
               fixed(lognormal_d, 3);
  }
  row.p_value = ks_p_value(row.gof_value, sample.size());
  row.estimate = format_distribution(result.delay);
  if (static_cast<int>(sample.size()) >= options.empirical_min_samples &&
      row.p_value < options.empirical_ks_p_value) {
    const std::vector<double> values = sample.quantiles(options.empirical_points);
    result.delay.hours = sim::Distribution::empirical(values);
    std::string text = "empirical(";
    for (std::size_t i = 0; i < values.size(); ++i)
      text += (i ? "; " : "") + csv_number(std::max(values[i], 0.0)) +
              (result.delay.working_time ? "wh" : "h");
    result.text = text + ")";
    row.estimate = result.text;
    row.note = "empirical: " + std::to_string(options.empirical_points) +
               " sample quantiles (lognormal and gamma rejected; the better one's KS D is shown)" +
               (sample.exact() ? "" : "; from the binned sample (within 0.034%)");
  }
  return result;
}

FitReportRow probability_row(std::string parameter, std::string scope, long long hits, long long n,
                             double fallback, const CalibrationOptions& options, double& value) {
  FitReportRow row;
  row.parameter = std::move(parameter);
  row.scope = std::move(scope);
  row.n = n;
  if (n < options.min_probability_samples) {
    row.fallback = true;
    value = fallback;
    row.note = "fewer than " + std::to_string(options.min_probability_samples) +
               " cases: kept the staffing scenario's value or 0";
  } else {
    value = static_cast<double>(hits) / n;
    const double se = std::sqrt(value * (1 - value) / n);
    row.note = hits == 0 ? "none observed" : "standard error " + fixed(se, 3);
  }
  row.estimate = fixed(value, 6);
  return row;
}

}  // namespace

void DossierColumns::add(const LoggedDossier& d) {
  auto intern = [](std::vector<std::string>& ids, const std::string& id) {
    // Logs name few units and procedures: a linear search from the most recent is enough.
    for (std::size_t k = ids.size(); k-- > 0;)
      if (ids[k] == id) return static_cast<std::int32_t>(k);
    ids.push_back(id);
    return static_cast<std::int32_t>(ids.size() - 1);
  };
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  unit.push_back(intern(units, d.unit));
  procedure.push_back(intern(procedures, d.procedure));
  channel.push_back(d.channel);
  outcome.push_back(d.outcome);
  received.push_back(d.received);
  due.push_back(d.due.value_or(kNone));
  requested.push_back(d.supplement_requested.value_or(kNone));
  returned.push_back(d.supplement_returned.value_or(kNone));
  line.push_back(d.line);
}

DossierColumns dossier_columns(const DossierLog& log) {
  DossierColumns columns;
  columns.file = log.file;
  columns.has_supplementation = log.has_supplementation;
  for (const LoggedDossier& d : log.dossiers)
    columns.add(d);
  return columns;
}

StreamedLog::StreamedLog(const std::filesystem::path& dossiers,
                         const std::optional<std::filesystem::path>& steps)
    : steps_(steps) {
  DossierLogReader reader(dossiers);
  dossiers_.file = reader.file();
  dossiers_.has_supplementation = reader.has_supplementation();
  LoggedDossier d;
  while (reader.next(d))
    dossiers_.add(d);
  ids_ = reader.release_ids();
}

StepRows StreamedLog::steps() const {
  if (!steps_) return {};
  // The file label as the reader names it, without reading the file here.
  return {steps_->lexically_normal().string(),
          [this](const std::function<void(const LoggedStep&)>& visit) {
            StepLogReader reader(*steps_, ids_, dossiers_.file);
            LoggedStep s;
            std::size_t rows = 0;
            while (reader.next(s)) {
              visit(s);
              ++rows;
            }
            step_rows_ = rows;
          }};
}

void check_log_period(const DossierColumns& log, std::size_t min_dossiers) {
  const std::size_t n = log.size();
  if (n == 0) throw model::ScenarioError(log.file + ": error: the log has no dossiers");
  if (n < min_dossiers) {
    throw model::ScenarioError(log.file + ": error: the log has " + std::to_string(n) +
                               (n == 1 ? " dossier" : " dossiers") +
                               ", too little data to fit a scenario (at least " +
                               std::to_string(min_dossiers) + ")");
  }
  const auto [first, last] = std::minmax_element(log.received.begin(), log.received.end());
  const double days = (*last - *first) / sim::kSecondsPerDay;
  if (days <= kMaxLogDays) return;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return log.received[a] < log.received[b]; });
  // Blame the row on the far side of the largest gap, from the smaller part of the log.
  auto received = [&](std::size_t k) { return log.received[order[k]]; };
  std::size_t gap_at = 1;
  for (std::size_t k = 1; k < n; ++k) {
    if (received(k) - received(k - 1) > received(gap_at) - received(gap_at - 1)) gap_at = k;
  }
  const bool early_side = gap_at <= n - gap_at;
  const std::size_t odd = early_side ? order[gap_at - 1] : order[gap_at];
  const std::size_t near = early_side ? order[gap_at] : order[gap_at - 1];
  char span[32];
  std::snprintf(span, sizeof span, "%.0f", days);
  throw model::ScenarioError(log.file + ":" + std::to_string(log.line[odd]) +
                             ": error: column 'received_at': bad value '" +
                             format_log_time(log.received[odd]) + "': the log would span " + span +
                             " days (at most " + std::to_string(static_cast<int>(kMaxLogDays)) +
                             "); the nearest other dossier is received " +
                             format_log_time(log.received[near]) + " (a mistyped year?)");
}

void check_log_period(const DossierLog& log, std::size_t min_dossiers) {
  check_log_period(dossier_columns(log), min_dossiers);
}

std::pair<LogTime, LogTime> log_window(const DossierColumns& log) {
  check_log_period(log, 1);
  const auto [first, last] = std::minmax_element(log.received.begin(), log.received.end());
  const LogTime start = log_time(date_of(*first));
  return {start, log_time(date_of(*last)) + sim::kSecondsPerDay};
}

std::pair<LogTime, LogTime> log_window(const DossierLog& log) {
  return log_window(dossier_columns(log));
}

Calibration calibrate(const DossierLog& log, const std::optional<model::ModelSpec>& staffing,
                      const CalibrationOptions& options) {
  StepRows steps;
  if (!log.steps_file.empty())
    steps = {log.steps_file, [&log](const std::function<void(const LoggedStep&)>& visit) {
               for (const LoggedStep& s : log.steps)
                 visit(s);
             }};
  return calibrate(dossier_columns(log), steps, staffing, options);
}

Calibration calibrate(const DossierColumns& log, const StepRows& step_rows,
                      const std::optional<model::ModelSpec>& staffing,
                      const CalibrationOptions& options) {
  Calibration c;
  check_log_period(log, kMinCalibrationDossiers);
  std::tie(c.window_start, c.window_end) = log_window(log);
  model::ModelSpec& spec = c.spec;
  spec = staffing ? *staffing : synthesise_structure(log, step_rows, c.window_start, c.window_end);
  const sim::CivilDate epoch = date_of(c.window_start);
  if (staffing && !(spec.epoch_date == epoch && spec.start.seconds == 0.0))
    throw std::invalid_argument("calibrate: the staffing scenario must start on " +
                                sim::to_string(epoch) + ", the first day of the log");
  spec.name = "Calibrated from " + std::filesystem::path(log.file).filename().string();
  spec.epoch_date = epoch;
  spec.start = sim::Instant{0.0};
  spec.end = sim::Instant{c.window_end - c.window_start};
  spec.warmup = sim::Duration{0.0};
  spec.arrivals.clear();
  spec.replay.clear();
  spec.backlog.clear();
  spec.replications = staffing ? staffing->replications : 10;

  // Dossiers by unit and procedure (the log's ids must exist in the structure).
  const std::size_t procedures = spec.procedures.size();
  const std::size_t dossiers = log.size();
  std::vector<int> unit_index(log.units.size()), procedure_index(log.procedures.size());
  for (std::size_t u = 0; u < log.units.size(); ++u)
    unit_index[u] = find_id(spec.units, log.units[u]);
  for (std::size_t q = 0; q < log.procedures.size(); ++q)
    procedure_index[q] = find_id(spec.procedures, log.procedures[q]);
  auto unit_of = [&](std::size_t i) { return unit_index[static_cast<std::size_t>(log.unit[i])]; };
  auto procedure_of = [&](std::size_t i) {
    return procedure_index[static_cast<std::size_t>(log.procedure[i])];
  };
  for (std::size_t i = 0; i < dossiers; ++i) {
    if (unit_of(i) < 0)
      fail_row(log.file, log.line[i], "unit", log.units[static_cast<std::size_t>(log.unit[i])],
               "not a unit of the staffing scenario",
               list_ids(spec.units, [](const model::UnitSpec& u) { return u.id; }));
    if (procedure_of(i) < 0)
      fail_row(log.file, log.line[i], "procedure",
               log.procedures[static_cast<std::size_t>(log.procedure[i])],
               "not a procedure of the staffing scenario",
               list_ids(spec.procedures, [](const model::ProcedureSpec& p) { return p.id; }));
  }
  const sim::Calendar& calendar = spec.calendars.at(0);

  // --- Arrivals ---------------------------------------------------------------------------
  ArrivalFitInput input;
  input.window_start = c.window_start;
  input.window_end = c.window_end;
  std::map<std::pair<int, int>, int> stream_of_pair;
  std::vector<std::pair<int, int>> pairs;
  input.stream_of.reserve(dossiers);
  for (std::size_t i = 0; i < dossiers; ++i) {
    const auto key = std::make_pair(unit_of(i), procedure_of(i));
    auto [it, fresh] = stream_of_pair.emplace(key, static_cast<int>(pairs.size()));
    if (fresh) pairs.push_back(key);
    input.stream_of.push_back(it->second);
  }
  input.received = log.received;
  input.streams = static_cast<int>(pairs.size());
  c.arrivals = fit_arrivals(input);
  input = {};
  const ArrivalFit& af = c.arrivals;
  model::ProfileSpec profile;
  profile.id = "fitted";
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 24; ++h)
      profile.week[d * 24 + h] = af.weekday[d] * af.hour[h];
  profile.month = af.month;
  profile.yearly_trend = af.trend_fitted ? af.yearly_trend : 0.0;
  profile.trend_base = date_of(c.window_start);  // the fit counts years from the window start
  spec.profiles = {profile};
  for (std::size_t s = 0; s < pairs.size(); ++s) {
    model::ArrivalStreamSpec a;
    a.unit = pairs[s].first;
    a.procedure = pairs[s].second;
    a.per_day = af.per_day[s];
    a.profile = 0;
    spec.arrivals.push_back(a);
    FitReportRow row;
    row.parameter = "arrival_rate";
    row.scope = spec.units[a.unit].id + "/" + spec.procedures[a.procedure].id;
    row.estimate = csv_number(a.per_day) + "/day";
    row.n = af.count[s];
    row.gof_statistic = "pearson_dispersion";
    row.gof_value = af.pearson_dispersion;
    row.note = "Poisson regression (IRLS) of hourly counts; standard error " +
               fixed(af.per_day_se[s], 3) + "/day";
    c.report.push_back(row);
  }
  static const char* const kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int h = 0; h < 24; ++h)
    c.report.push_back({"profile_hour", std::to_string(h), fixed(af.hour[h], 6), af.bins, "", NAN,
                        NAN, false, af.hour[h] == 0 ? "no receipt in this hour" : ""});
  for (int d = 0; d < 7; ++d)
    c.report.push_back({"profile_weekday", kWeekdays[d], fixed(af.weekday[d], 6), af.bins, "", NAN,
                        NAN, false, af.weekday[d] == 0 ? "no receipt on this weekday" : ""});
  for (int m = 0; m < 12; ++m)
    c.report.push_back(
        {"profile_month", std::to_string(m + 1), fixed(af.month[m], 6),
         std::lround(af.month_days[m]), "", NAN, NAN, !af.month_fitted[m],
         af.month_fitted[m] ? "" : "fewer than 14 days observed: mean of the fitted months"});
  c.report.push_back({"profile_trend", "yearly", fixed(profile.yearly_trend, 6), af.bins, "", NAN,
                      NAN, !af.trend_fitted,
                      af.trend_fitted ? "standard error of the log slope " + fixed(af.trend_se, 3)
                                      : "window shorter than two years: no trend (0)"});

  // --- Channel mix --------------------------------------------------------------------------
  std::vector<std::array<long long, model::kChannelCount>> channels(procedures);
  std::vector<std::vector<std::size_t>> dossiers_of(staffing ? 0 : procedures);
  for (std::size_t i = 0; i < dossiers; ++i) {
    ++channels[procedure_of(i)][static_cast<int>(log.channel[i])];
    if (!staffing) dossiers_of[procedure_of(i)].push_back(i);
  }
  for (std::size_t p = 0; p < procedures; ++p) {
    model::ProcedureSpec& proc = spec.procedures[p];
    long long total = 0;
    for (long long n : channels[p])
      total += n;
    if (total > 0)
      for (int k = 0; k < model::kChannelCount; ++k)
        proc.channel_mix[k] = static_cast<double>(channels[p][k]) / total;
    std::string mix;
    for (int k = 0; k < model::kChannelCount; ++k)
      mix += (k ? ";" : "") + std::string(model::to_string(static_cast<model::Channel>(k))) + ":" +
             fixed(proc.channel_mix[k], 4);
    c.report.push_back({"channel_mix", proc.id, mix, total, "", NAN, NAN, total == 0,
                        total == 0 ? "no dossier of this procedure: kept" : ""});
    if (!staffing) {
      proc.deadline_workdays =
          implied_deadline(log, dossiers_of[p], calendar, spec.deadline_rule, epoch);
      c.report.push_back({"deadline", proc.id, std::to_string(proc.deadline_workdays) + "wd", total,
                          "", NAN, NAN, false,
                          "most frequent working days from received_at to due_at"});
    }
  }

  // --- Step efforts and delays, and what the supplementation needs of the steps -------------
  // Samples per (procedure, step index), in hours: work steps in working time on the executing
  // unit's calendar times the position's dossier share (the effort, not the elapsed time);
  // delay steps in the step's own time base. One pass over the step rows, in file order.
  std::vector<std::vector<DurationSketch>> samples(procedures);
  std::size_t most_steps = 1;
  for (std::size_t p = 0; p < procedures; ++p) {
    samples[p].assign(spec.procedures[p].steps.size(), DurationSketch(options.exact_samples));
    most_steps = std::max(most_steps, spec.procedures[p].steps.size());
  }
  // The dossier share of each unit's positions by id (the last position of that id wins).
  std::vector<std::unordered_map<std::string, double>> share_of(spec.units.size());
  for (const model::PositionSpec& pos : spec.positions)
    share_of[static_cast<std::size_t>(pos.unit)][pos.id] = pos.dossier_share;
  std::vector<std::map<std::string, double>> busy_hours(spec.units.size());  // per position id
  // Per dossier: the steps it has rows for (a bit each) and the step whose row ended at the
  // supplementation request (the last such row), for the supplementation exposure below.
  const std::size_t words = (most_steps + 63) / 64;
  std::vector<std::uint64_t> stepped(step_rows.for_each ? dossiers * words : 0, 0);
  std::vector<std::int32_t> request_step(step_rows.for_each ? dossiers : 0, -1);
  auto visit = [&](const LoggedStep& s) {
    const int p = procedure_of(s.dossier);
    const model::ProcedureSpec& proc = spec.procedures[p];
    const int k = s.step - 1;
    if (k >= static_cast<int>(proc.steps.size()))
      fail_row(step_rows.file, s.line, "step", std::to_string(s.step),
               "procedure '" + proc.id + "' has " + std::to_string(proc.steps.size()) + " steps",
               "1 to " + std::to_string(proc.steps.size()));
    stepped[s.dossier * words + static_cast<std::size_t>(k) / 64] |= std::uint64_t{1} << (k % 64);
    const LogTime requested = log.requested[s.dossier];
    if (!std::isnan(requested) && std::abs(s.ended - requested) < 60.0) request_step[s.dossier] = k;
    const model::StepSpec& step = proc.steps[k];
    if (step.kind == model::StepKind::kTransfer) return;  // the unit's lag, not fitted
    int unit = unit_of(s.dossier);
    if (step.tier == model::Tier::kProvince) {
      const int province = spec.province_unit_for_domain[static_cast<int>(proc.domain)];
      if (province >= 0) unit = province;
    }
    const sim::Calendar& cal = spec.calendars[spec.units[unit].calendar];
    const sim::Instant a = to_instant(s.started, epoch);
    const sim::Instant b = to_instant(s.ended, epoch);
    double hours = (b - a).hours();
    const bool working = model::needs_officer(step.kind) || step.effort.working_time;
    if (working) {
      if (a.seconds < 0 || b > cal.end()) return;  // outside the calendar
      hours = cal.working_time_between(a, b).hours();
    }
    if (model::needs_officer(step.kind)) {
      const auto& shares = share_of[static_cast<std::size_t>(unit)];
      const auto found = shares.find(s.position);
      hours *= found == shares.end() ? 1.0 : found->second;
      busy_hours[unit][s.position.empty() ? spec.skills[step.skill] : s.position] += hours;
    }
    samples[p][k].add(hours);
  };
  if (step_rows.for_each) step_rows.for_each(visit);
  for (std::size_t p = 0; p < procedures; ++p) {
    model::ProcedureSpec& proc = spec.procedures[p];
    for (std::size_t k = 0; k < proc.steps.size(); ++k) {
      model::StepSpec& step = proc.steps[k];
      if (step.kind == model::StepKind::kTransfer) continue;
      DurationFitResult fit = fit_duration(samples[p][k], step.effort, options,
                                           model::needs_officer(step.kind) ? "effort" : "delay",
                                           proc.id + "/" + std::to_string(k + 1));
      if (step_rows.file.empty()) fit.row.note = "no step log: " + fit.row.note;
      step.effort = fit.delay;
      if (!fit.text.empty())
        c.distribution_text["effort/" + proc.id + "/" + std::to_string(k + 1)] = fit.text;
      c.report.push_back(fit.row);
    }
  }

  // --- Supplementation, response, withdrawal ------------------------------------------------
  // The step that found a dossier incomplete is the one whose logged row ends at the request
  // (within a minute); without it, the first work step.
  std::vector<std::vector<long long>> found_at(procedures), reached(procedures);
  std::vector<DurationSketch> responses(procedures, DurationSketch(options.exact_samples));
  std::vector<long long> supplemented(procedures, 0), left_after(procedures, 0),
      settled(procedures, 0), returned(procedures, 0), total(procedures, 0);
  for (std::size_t p = 0; p < procedures; ++p) {
    found_at[p].assign(spec.procedures[p].steps.size(), 0);
    reached[p].assign(spec.procedures[p].steps.size(), 0);
  }
  for (std::size_t i = 0; i < dossiers; ++i) {
    const int p = procedure_of(i);
    const auto& steps = spec.procedures[p].steps;
    ++total[p];
    if (log.outcome[i] == model::DossierOutcome::kReturned) ++returned[p];
    int first_work = 0;
    while (first_work + 1 < static_cast<int>(steps.size()) &&
           !model::needs_officer(steps[first_work].kind))
      ++first_work;
    int found_step = -1;
    if (!std::isnan(log.requested[i])) {
      found_step = step_rows.for_each && request_step[i] >= 0 ? request_step[i] : first_work;
      found_step = std::min(found_step, static_cast<int>(steps.size()) - 1);
      ++found_at[p][found_step];
      ++supplemented[p];
      if (!std::isnan(log.returned[i])) {
        responses[p].add((log.returned[i] - log.requested[i]) / 3600.0);
        ++settled[p];
      } else if (log.outcome[i] == model::DossierOutcome::kWithdrawn ||
                 log.outcome[i] == model::DossierOutcome::kReturned) {
        ++left_after[p];
        ++settled[p];
      }
    }
    // Exposure: every work step this dossier finished before any request (with a step log),
    // else only the first work step for every dossier.
    if (!step_rows.for_each) {
      ++reached[p][first_work];
    } else {
      for (std::size_t k = 0; k < steps.size(); ++k) {
        if (found_step >= 0 && static_cast<int>(k) > found_step) break;
        if (stepped[i * words + k / 64] >> (k % 64) & 1) ++reached[p][k];
      }
    }
  }
  for (std::size_t p = 0; p < procedures; ++p) {
    model::ProcedureSpec& proc = spec.procedures[p];
    bool any_incomplete = false;
    for (std::size_t k = 0; k < proc.steps.size(); ++k) {
      model::StepSpec& step = proc.steps[k];
      if (!model::needs_officer(step.kind)) continue;
      double value = step.incomplete_probability;
      FitReportRow row = probability_row(
          "incomplete_probability", proc.id + "/" + std::to_string(k + 1), found_at[p][k],
          reached[p][k], step.incomplete_probability, options, value);
      if (!log.has_supplementation) {
        row.fallback = true;
        row.note = "no supplement_* columns in the log: kept";
        value = step.incomplete_probability;
        row.estimate = fixed(value, 6);
      }
      step.incomplete_probability = value;
      any_incomplete = any_incomplete || value > 0;
      c.report.push_back(row);
    }
    model::DelaySpec fallback = proc.citizen_response;
    if (fallback.hours.mean() <= 0 && any_incomplete) {
      fallback.working_time = false;
      fallback.hours = sim::Distribution::uniform(24.0, 120.0);
    }
    fallback.working_time = fallback.working_time && staffing.has_value();
    DurationFitResult response =
        fit_duration(responses[p], fallback, options, "citizen_response", proc.id);
    response.delay.working_time = fallback.working_time;
    proc.citizen_response = response.delay;
    if (!response.text.empty()) c.distribution_text["citizen/" + proc.id] = response.text;
    if (!response.row.fallback) response.row.estimate = format_distribution(response.delay);
    c.report.push_back(response.row);
    double value = proc.withdraw_probability;
    FitReportRow row = probability_row("withdraw_probability", proc.id, left_after[p], settled[p],
                                       proc.withdraw_probability, options, value);
    if (!log.has_supplementation) {
      row.fallback = true;
      row.note = "no supplement_* columns in the log: kept";
      value = proc.withdraw_probability;
      row.estimate = fixed(value, 6);
    }
    proc.withdraw_probability = value;
    c.report.push_back(row);
    c.report.push_back({"returned_share", proc.id,
                        fixed(total[p] ? static_cast<double>(returned[p]) / total[p] : 0.0, 6),
                        total[p], "", NAN, NAN, false,
                        "reported only: the model returns dossiers only by withdrawal"});
  }

  // --- Staff --------------------------------------------------------------------------------
  if (!staffing) {
    // One position per unit and skill used there; officers = ceil(offered hours per week /
    // (target utilisation x working hours per week)), at least 1.
    const double weeks = (c.window_end - c.window_start) / (7 * sim::kSecondsPerDay);
    const double hours_per_week = calendar.schedule().working_seconds(0) * 5 / 3600.0;
    for (std::size_t u = 0; u < spec.units.size(); ++u) {
      std::vector<bool> used(spec.skills.size(), false);
      for (const model::ArrivalStreamSpec& a : spec.arrivals)
        if (a.unit == static_cast<int>(u))
          for (const model::StepSpec& step : spec.procedures[a.procedure].steps)
            if (model::needs_officer(step.kind)) used[step.skill] = true;
      for (std::size_t k = 0; k < spec.skills.size(); ++k) {
        if (!used[k]) continue;
        model::PositionSpec pos;
        pos.unit = static_cast<int>(u);
        pos.id = spec.skills[k];
        pos.skills = {static_cast<int>(k)};
        const auto found = busy_hours[u].find(spec.skills[k]);
        const double busy = found == busy_hours[u].end() ? 0.0 : found->second;
        pos.officers =
            std::max(1, static_cast<int>(std::ceil(busy / weeks /
                                                   (options.target_utilization * hours_per_week))));
        spec.positions.push_back(pos);
        c.report.push_back({"officers", spec.units[u].id + "/" + pos.id,
                            std::to_string(pos.officers), 0, "", NAN, NAN, true,
                            "estimated from throughput: " + fixed(busy / weeks, 4) +
                                " h of work a week at " +
                                fixed(options.target_utilization * 100, 3) + "% utilisation"});
      }
    }
  }
  return c;
}

void write_calibration(const Calibration& c, const std::filesystem::path& folder) {
  ScenarioWriteOptions options;
  options.distribution_text = c.distribution_text;
  options.toml_comments = {
      "Calibrated by `twotier calibrate` from " + c.spec.name.substr(16) + " (" +
          format_log_time(c.window_start).substr(0, 10) + " to " +
          format_log_time(c.window_end - 1).substr(0, 10) + ").",
      "Fit report: fit_report.csv / fit_report.md. Parameters that fell back to a default or",
      "to the staffing scenario's value (too little data):"};
  int fallbacks = 0;
  for (const FitReportRow& row : c.report)
    if (row.fallback) {
      options.toml_comments.push_back("  fallback: " + row.parameter + " " + row.scope + " = " +
                                      row.estimate + " (" + row.note + ")");
      ++fallbacks;
    }
  if (fallbacks == 0) options.toml_comments.push_back("  (none)");
  write_scenario(c.spec, folder, options);

  write_text_atomically(folder / "fit_report.csv", [&](std::ostream& out) {
    out << "parameter,scope,estimate,n,gof_statistic,gof_value,p_value,fallback,note\n";
    for (const FitReportRow& r : c.report)
      out << csv_field(r.parameter) << "," << csv_field(r.scope) << "," << csv_field(r.estimate)
          << "," << r.n << "," << r.gof_statistic << "," << csv_number(r.gof_value) << ","
          << csv_number(r.p_value) << "," << (r.fallback ? "yes" : "no") << "," << csv_field(r.note)
          << "\n";
  });
  write_text_atomically(folder / "fit_report.md", [&](std::ostream& out) {
    out << "# Fit report\n\n"
        << options.toml_comments.front() << "\n\n"
        << "Arrivals: Poisson regression (IRLS) of " << c.arrivals.bins << " hourly bins on "
        << c.arrivals.parameters << " parameters, Pearson dispersion "
        << fixed(c.arrivals.pearson_dispersion, 4) << " (about 1 when counts are Poisson), "
        << (c.arrivals.converged ? "converged" : "NOT converged") << " in " << c.arrivals.iterations
        << " iterations.\n\n"
        << fallbacks << " parameter(s) fell back to a default (marked **fallback**).\n\n"
        << "| parameter | scope | estimate | n | GOF | value | p | fallback | note |\n"
        << "|---|---|---|---|---|---|---|---|---|\n";
    for (const FitReportRow& r : c.report) {
      std::string estimate = r.estimate;
      if (estimate.size() > 60) estimate = estimate.substr(0, 57) + "...";
      out << "| " << r.parameter << " | " << r.scope << " | " << estimate << " | " << r.n << " | "
          << r.gof_statistic << " | " << (std::isnan(r.gof_value) ? "" : fixed(r.gof_value, 4))
          << " | " << (std::isnan(r.p_value) ? "" : fixed(r.p_value, 3)) << " | "
          << (r.fallback ? "**fallback**" : "") << " | " << r.note << " |\n";
    }
  });
}

}  // namespace twotier::analysis
