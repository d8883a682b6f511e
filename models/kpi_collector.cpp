#include "models/kpi_collector.hpp"

#include <cmath>  // std::abs, NAN
#include <limits>

namespace twotier::model {
namespace {

// Scope names of domains. The same words as model::to_string(Domain) (the loader owns that
// function; the runtime keeps its own table so it does not depend on the loader).
constexpr std::array<const char*, kDomainCount> kDomainNames{
    "land",           "construction",       "civil_status_justice",
    "certification",  "household_business", "social_labour",
    "finance_budget", "investment",         "other"};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

KpiCollector::KpiCollector(const ModelSpec& spec, sim::Instant start) : window_start_(start) {
  names_ = {"province", "tier:commune", "tier:province"};
  first_unit_scope_ = static_cast<std::int32_t>(names_.size());
  for (const UnitSpec& unit : spec.units)
    names_.push_back("unit:" + unit.id);
  domain_scope_.assign(kDomainCount, -1);
  for (const ProcedureSpec& procedure : spec.procedures) {
    procedure_tier_.push_back(static_cast<std::int32_t>(procedure.authority));
    procedure_domain_.push_back(static_cast<std::int32_t>(procedure.domain));
    domain_scope_[static_cast<int>(procedure.domain)] = 0;  // mark used
  }
  for (int d = 0; d < kDomainCount; ++d) {
    if (domain_scope_[d] < 0) continue;
    domain_scope_[d] = static_cast<std::int32_t>(names_.size());
    names_.push_back(std::string("domain:") + kDomainNames[d]);
  }
  first_procedure_scope_ = static_cast<std::int32_t>(names_.size());
  const InternalWorkSpec& internal = spec.internal_work;
  for (std::size_t p = 0; p < spec.procedures.size(); ++p)
    if (static_cast<int>(p) < internal.first_procedure)  // internal work: scopes of its own
      names_.push_back("procedure:" + spec.procedures[p].id);
  if (internal.enabled()) {
    // internal, internal_task:<task>, internal_agency:<agency>, internal_unit:<unit>,
    // internal:<task>/<agency> (models/internal_work.hpp).
    first_internal_scope_ = static_cast<std::int32_t>(names_.size());
    names_.push_back("internal");
    for (const std::string& task : internal.tasks)
      names_.push_back("internal_task:" + task);
    first_agency_scope_ = static_cast<std::int32_t>(names_.size());
    for (const std::string& agency : internal.agencies)
      names_.push_back("internal_agency:" + (agency.empty() ? std::string("-") : agency));
    first_internal_unit_scope_ = static_cast<std::int32_t>(names_.size());
    for (const UnitSpec& unit : spec.units)
      names_.push_back("internal_unit:" + unit.id);
    internal_stream_of_procedure_.assign(spec.procedures.size(), -1);
    for (std::size_t s = 0; s < internal.streams.size(); ++s) {
      const InternalStreamSpec& stream = internal.streams[s];
      internal_stream_of_procedure_[static_cast<std::size_t>(stream.procedure)] =
          static_cast<std::int32_t>(names_.size());
      internal_task_of_procedure_.resize(spec.procedures.size(), 0);
      internal_agency_of_procedure_.resize(spec.procedures.size(), 0);
      internal_task_of_procedure_[static_cast<std::size_t>(stream.procedure)] = stream.task;
      internal_agency_of_procedure_[static_cast<std::size_t>(stream.procedure)] = stream.agency;
      names_.push_back("internal:" +
                       spec.procedures[static_cast<std::size_t>(stream.procedure)].id);
    }
  }
  scopes_.resize(names_.size());
  open_at_end_.resize(names_.size());
  for (Scope& scope : scopes_)
    scope.backlog = sim::TimeWeighted(start, 0.0);
}

ScopeSet KpiCollector::scopes_of(int unit, int procedure) const {
  if (!internal_stream_of_procedure_.empty() && internal_stream_of_procedure_[procedure] >= 0) {
    return {first_internal_scope_,
            first_internal_scope_ + 1 + internal_task_of_procedure_[procedure],
            first_agency_scope_ + internal_agency_of_procedure_[procedure],
            first_internal_unit_scope_ + unit, internal_stream_of_procedure_[procedure]};
  }
  return {0, 1 + procedure_tier_[procedure], first_unit_scope_ + unit,
          domain_scope_[procedure_domain_[procedure]], first_procedure_scope_ + procedure};
}

void KpiCollector::count_deferred() {
  for (int i = 0; i < deferred_count_; ++i)
    scopes_[deferred_[i].scope].processing.count_in_bucket(deferred_[i].bucket);
  deferred_count_ = 0;
}

void KpiCollector::reset(sim::Instant t) {
  deferred_count_ = 0;  // the sketches are cleared below
  window_start_ = t;
  for (Scope& scope : scopes_) {
    sim::TimeWeighted backlog = scope.backlog;
    backlog.reset(t);
    scope = Scope{};
    scope.backlog = backlog;
  }
}

void KpiCollector::on_receive(const ScopeSet& scopes, sim::Instant t, bool counts_as_arrival) {
  for (std::int32_t s : scopes) {
    Scope& scope = scopes_[s];
    scope.backlog.add(t, 1.0);
    if (counts_as_arrival) ++scope.arrivals;
  }
}

void KpiCollector::on_departure(const ScopeSet& scopes, sim::Instant t, const Departure& d) {
  // The same value goes into five sketches of equal relative error: one logarithm, not five.
  const double processing = d.processing_workdays > 0.0 ? d.processing_workdays : 0.0;
  const int bucket = processing > 0.0 ? scopes_[scopes[0]].processing.bucket_index(processing) : 0;
  // The phase times in days once, not once per scope (the same quotients).
  std::array<double, kPhaseCount> phase_days;
  if (d.completed)
    for (int p = 0; p < kPhaseCount; ++p)
      phase_days[p] = d.phase_seconds[p] / sim::kSecondsPerDay;
  for (std::int32_t s : scopes) {
    Scope& scope = scopes_[s];
    scope.backlog.add(t, -1.0);
    ++scope.departures;
    scope.departure_days += d.time_in_system_days;
    if (!d.completed) {
      ++scope.withdrawn;
      continue;
    }
    ++scope.completed;
    if (d.on_time) ++scope.on_time;
    scope.time_in_system_days += d.time_in_system_days;
    scope.processing_workdays += d.processing_workdays;
    if (processing > 0.0) {
      scope.processing.reserve_in_bucket(processing, bucket);
      deferred_[deferred_count_++] = {s, bucket};
    } else {
      scope.processing.add(0.0);
    }
    for (int p = 0; p < kPhaseCount; ++p)
      scope.phase_days[p] += phase_days[p];
  }
  if (deferred_count_ > kDeferredCounts - kScopesPerDossier) count_deferred();
}

void KpiCollector::on_supplementation(const ScopeSet& scopes) {
  for (std::int32_t s : scopes)
    ++scopes_[s].supplementation_requests;
}

void KpiCollector::on_apology_slip(const ScopeSet& scopes) {
  for (std::int32_t s : scopes)
    ++scopes_[s].apology_slips;
}

void KpiCollector::on_open_at_end(const ScopeSet& scopes, bool overdue) {
  for (std::int32_t s : scopes) {
    ++open_at_end_[s].open;
    if (overdue) ++open_at_end_[s].overdue;
  }
}

std::vector<KpiRow> KpiCollector::finish(sim::Instant end) {
  count_deferred();
  const double window_days = (end - window_start_).days();
  std::vector<KpiRow> rows;
  rows.reserve(scopes_.size());
  for (std::size_t s = 0; s < scopes_.size(); ++s) {
    const Scope& scope = scopes_[s];
    KpiRow row;
    row.fill(kNaN);
    auto set = [&row](Metric m, double v) { row[static_cast<int>(m)] = v; };
    const double n = static_cast<double>(scope.completed);
    auto mean = [n](double sum) { return n > 0 ? sum / n : kNaN; };
    set(Metric::kArrivals, static_cast<double>(scope.arrivals));
    set(Metric::kCompleted, n);
    set(Metric::kOnTimeRate, mean(static_cast<double>(scope.on_time)));
    set(Metric::kTimeInSystemDaysMean, mean(scope.time_in_system_days));
    set(Metric::kProcessingWorkdaysMean, mean(scope.processing_workdays));
    if (scope.completed > 0) {
      set(Metric::kProcessingWorkdaysP50, scope.processing.quantile(0.50));
      set(Metric::kProcessingWorkdaysP90, scope.processing.quantile(0.90));
      set(Metric::kProcessingWorkdaysP95, scope.processing.quantile(0.95));
    }
    const double backlog_mean = window_days > 0 ? scope.backlog.average(end) : kNaN;
    set(Metric::kBacklogMean, backlog_mean);
    set(Metric::kBacklogEnd, static_cast<double>(open_at_end_[s].open));
    set(Metric::kOverdueOpenEnd, static_cast<double>(open_at_end_[s].overdue));
    set(Metric::kApologySlips, static_cast<double>(scope.apology_slips));
    set(Metric::kSupplementationRequests, static_cast<double>(scope.supplementation_requests));
    set(Metric::kReturnedWithdrawn, static_cast<double>(scope.withdrawn));
    set(Metric::kWaitOfficerDaysMean,
        mean(scope.phase_days[static_cast<int>(Phase::kWaitOfficer)]));
    set(Metric::kWorkedDaysMean, mean(scope.phase_days[static_cast<int>(Phase::kWorked)]));
    set(Metric::kTransferDaysMean, mean(scope.phase_days[static_cast<int>(Phase::kTransfer)]));
    set(Metric::kCitizenDaysMean, mean(scope.phase_days[static_cast<int>(Phase::kCitizen)]));
    set(Metric::kDelayDaysMean, mean(scope.phase_days[static_cast<int>(Phase::kDelay)]));
    // Little's law L = lambda W over the window: lambda from receipts, W from departures
    // (completed and withdrawn). Exact up to the dossiers open at the window's two ends.
    if (window_days > 0 && backlog_mean > 0 && scope.departures > 0) {
      const double lambda = static_cast<double>(scope.arrivals) / window_days;
      const double w = scope.departure_days / static_cast<double>(scope.departures);
      set(Metric::kLittleLawGap, std::abs(backlog_mean - lambda * w) / backlog_mean);
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace twotier::model
