// ModelSpec: the immutable, fully resolved description of a two-tier scenario.
//
// Produced once by the scenario loader (models/scenario_loader.hpp), validated there, then
// shared read-only by every replication (one Replication per thread; no mutable state here).
// All cross-references are indices into the vectors of this struct, checked by the loader.
// Times: Instants count seconds from the simulation epoch (00:00 of `epoch_date`); efforts
// are working time (hours in distributions, see EffortSpec).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>  // PositionPay::coefficient
#include <memory>  // FocusSpec::province
#include <optional>
#include <string>
#include <tuple>  // std::tuple_size_v
#include <vector>

#include "models/internal_work.hpp"
#include "models/lever_spec.hpp"
#include "models/overtime_spec.hpp"
#include "models/reception_spec.hpp"
#include "models/staff_spec.hpp"
#include "sim/calendar.hpp"
#include "sim/civil_date.hpp"
#include "sim/distribution.hpp"
#include "sim/holiday_table.hpp"
#include "sim/time.hpp"

namespace twotier::model {

class ProvinceAggregate;  // models/focus.hpp

enum class Tier : std::uint8_t { kCommune, kProvince };
inline constexpr int kTierCount = 2;

enum class UnitKind : std::uint8_t { kWard, kCommune, kSpecialZone, kDepartment, kServiceCenter };

enum class Domain : std::uint8_t {
  kLand,
  kConstruction,
  kCivilStatusJustice,
  kCertification,
  kHouseholdBusiness,
  kSocialLabour,
  kFinanceBudget,
  kInvestment,
  kOther,
};
inline constexpr int kDomainCount = 9;
static_assert(std::tuple_size_v<decltype(UnitStaffing::domain_rank)> == kDomainCount);

enum class Channel : std::uint8_t { kInPerson, kOnline, kPost };
inline constexpr int kChannelCount = 3;

// What a statutory clock does while the citizen supplements an incomplete dossier.
enum class ClockOnSupplement : std::uint8_t { kPause, kRestart };

// Stable names used in files, outputs and messages.
const char* to_string(Tier tier);
const char* to_string(UnitKind kind);
const char* to_string(Domain domain);
const char* to_string(Channel channel);
const char* to_string(ClockOnSupplement clock);
std::optional<Tier> parse_tier(std::string_view text);
std::optional<UnitKind> parse_unit_kind(std::string_view text);
std::optional<Domain> parse_domain(std::string_view text);
std::optional<Channel> parse_channel(std::string_view text);
std::optional<ClockOnSupplement> parse_clock_on_supplement(std::string_view text);
inline Tier tier_of(UnitKind kind) {
  return kind == UnitKind::kDepartment || kind == UnitKind::kServiceCenter ? Tier::kProvince
                                                                           : Tier::kCommune;
}

// A duration drawn from a distribution whose values are in hours, either of working time
// (effort, "wd"/"wh" in files) or of calendar time ("h", "d" in files).
struct DelaySpec {
  sim::Distribution hours = sim::Distribution::deterministic(0.0);
  bool working_time = true;
};

struct UnitSpec {
  std::string id;
  std::string name;  // Vietnamese, UTF-8
  UnitKind kind = UnitKind::kCommune;
  double population = 0.0;
  // Lags of a dossier transfer between this unit and the province (electronic or paper).
  DelaySpec transfer_to_province;
  DelaySpec transfer_from_province;
  // Provincial bodies: the domains whose provincial steps they perform.
  std::vector<Domain> domains;
  int calendar = 0;  // index into ModelSpec::calendars
  Tier tier() const { return tier_of(kind); }
};

enum class StepKind : std::uint8_t {
  kWork,       // an officer with `skill` spends `effort` working time
  kDelay,      // joint processing with another body (e.g. tax): time passes, no officer
  kTransfer,   // the dossier moves between tiers with the unit's transfer lag
  kSignature,  // the leader signs (skill, effort as kWork), in batches at the unit's sessions
};
// Steps served by an officer (they have a skill and an effort).
inline bool needs_officer(StepKind kind) {
  return kind == StepKind::kWork || kind == StepKind::kSignature;
}
const char* to_string(StepKind kind);

struct StepSpec {
  std::string name;  // reception, digitisation, appraisal, approval, signature, return, ...
  StepKind kind = StepKind::kWork;
  Tier tier = Tier::kCommune;  // commune: the filing unit; province: the domain's department
  int skill = -1;              // index into ModelSpec::skills (kWork only)
  DelaySpec effort;            // kWork: working effort; kDelay: the delay
  // Probability that the dossier is found incomplete at this step (supplementation request).
  double incomplete_probability = 0.0;
  // Optional field check during this step: with this probability an extra delay is added.
  double field_check_probability = 0.0;
  DelaySpec field_check;
  // Whether the statutory clock stops during this step (e.g. waiting for tax payment).
  bool pauses_clock = false;
};

struct ProcedureSpec {
  std::string id;
  std::string name;
  Domain domain = Domain::kOther;
  Tier authority = Tier::kCommune;  // who decides it
  int deadline_workdays = 0;        // statutory deadline; 0 = same day
  std::vector<StepSpec> steps;      // the workflow, in order
  // Supplementation: the citizen answers once after `citizen_response` (calendar time) or
  // withdraws with `withdraw_probability`.
  DelaySpec citizen_response;
  double withdraw_probability = 0.0;
  ClockOnSupplement clock_on_supplement = ClockOnSupplement::kPause;
  std::array<double, kChannelCount> channel_mix{1.0, 0.0, 0.0};  // weights by Channel
};

// A skill a position's officers may help with outside their main skills: work of that skill
// takes effort / (dossier_share x speed x proficiency). When they help: the unit's HelpRule.
struct SecondarySkill {
  int skill = 0;             // index into ModelSpec::skills, not one of the position's skills
  double proficiency = 1.0;  // (0, 1]
};

// What one officer of a position is paid (the scenario's salaries table, models/costs.hpp):
// monthly pay = base salary x (coefficient + allowance). coefficient is NaN when the scenario
// gives no salary table.
struct PositionPay {
  std::string grade;  // civil-servant grade, e.g. "A1 chuyên viên" (free text)
  double coefficient = std::numeric_limits<double>::quiet_NaN();  // hệ số lương, > 0
  double allowance = 0.0;  // position allowance coefficient (hệ số phụ cấp chức vụ), >= 0
  std::string source;      // where the figures come from, or "assumed"
};

struct PositionSpec {
  int unit = 0;
  std::string id;  // e.g. "one_stop", "land", "leader"
  int officers = 0;
  std::vector<int> skills;                       // indices into ModelSpec::skills
  double dossier_share = 1.0;                    // share of working time spent on dossiers, (0, 1]
  std::vector<SecondarySkill> secondary_skills;  // by skill index, no duplicates
  // positions.csv `required`: law or the job framework requires these officers (leaders, ...);
  // `twotier staff --trim` never removes them unless the position is named.
  bool required = false;
  PositionPay pay{};  // from the salaries table (NaN coefficient when there is none)
};

// Relative shape of an arrival rate. rate(t) = base * week[hour-of-week] * month[month]
// * (1 + yearly_trend)^(years since start) * surge(t). `week` and `month` are normalised by
// the loader so that their means are 1: the base rate is the long-run average.
struct ProfileSpec {
  std::string id;
  std::array<double, 168> week{};  // hour of week, Monday 00:00 first
  std::array<double, 12> month{};
  double yearly_trend = 0.0;
  sim::CivilDate trend_base{2026, 1, 1};  // the date the trend's factor is 1 (profiles.csv key)
  struct Surge {
    sim::CivilDate from;  // inclusive
    sim::CivilDate to;    // inclusive
    double factor = 1.0;
  };
  std::vector<Surge> surges;
};

struct ArrivalStreamSpec {
  int unit = 0;  // filing unit (commune level or the provincial service center)
  int procedure = 0;
  double per_day = 0.0;  // long-run mean rate, dossiers per calendar day
  int profile = 0;       // index into ModelSpec::profiles
};

// A dossier replayed from a log instead of drawn from the arrival process.
struct ReplayedArrival {
  sim::Instant received;
  int unit = 0;
  int procedure = 0;
  Channel channel = Channel::kInPerson;
};

// An open dossier at the start of the run (a backlog snapshot).
struct BacklogDossier {
  std::string id;
  int unit = 0;
  int procedure = 0;
  sim::Instant received;  // may be before the start
  int current_step = 0;   // index into the procedure's steps
};

struct ModelSpec {
  std::string name;
  std::string source_text;  // the fully resolved scenario, for reproducibility
  std::uint64_t seed = 1;
  sim::CivilDate epoch_date;  // day of Instant 0 (start date, or earlier for old backlog)
  sim::Instant start;         // when the run begins
  sim::Instant end;           // horizon
  sim::Duration warmup;       // statistics are reset at start + warmup
  // [scenario] warmup = "auto": `warmup` is 0 here and the commands replace it by an MSER-5
  // truncation before running (analysis/experiments/auto_warmup.hpp).
  bool warmup_auto = false;

  std::vector<sim::Calendar> calendars;
  // The holiday table the calendars were built from (all its years, not only the run's):
  // annual leave is placed over whole calendar years (models/roster.cpp) and seasons follow
  // its named dates (Tết), whatever the run's window.
  sim::HolidayTable holiday_table;
  sim::DeadlineRule deadline_rule;

  std::vector<std::string> skills;
  std::vector<UnitSpec> units;
  std::vector<ProcedureSpec> procedures;
  std::vector<PositionSpec> positions;
  std::size_t table_positions = 0;  // positions.csv's, first in `positions` (levers add the rest)
  std::vector<ProfileSpec> profiles;
  std::vector<ArrivalStreamSpec> arrivals;
  std::vector<ReplayedArrival> replay;  // when non-empty, `arrivals` is ignored
  std::vector<BacklogDossier> backlog;
  // [calibration] parameters: the free parameters and their ranges that `twotier calibrate
  // --targets` searches (resolved path; empty when not given). The model itself ignores it.
  std::filesystem::path calibration_parameters;
  StaffSpec staff;  // officers, proficiency, presence, dispatch, signing (staff_spec.hpp)

  // Derived by the loader: the provincial body for each domain (index into units), or -1.
  std::array<int, kDomainCount> province_unit_for_domain{};

  // Scenario settings kept for the commands (read from [scenario] and [calendar]).
  int replications = 10;       // default number of replications for `twotier run`
  double workday_hours = 8.0;  // one working day ("wd"): Monday's hours, 24 if 24x7
  std::string scenario_file;   // the top-level scenario file as given on the command line

  // Unit-focused runs (models/focus.hpp): the unit simulated in full, the rest of the province
  // drawn from `province`; or a baseline run recording its provincial visits. Off by default.
  struct FocusSpec {
    int unit = -1;  // index into units; -1: the whole province is simulated
    std::shared_ptr<const ProvinceAggregate> province;
    // Hand every dossier's provincial visit to ReplicationResult::province_visits.
    bool record_visits = false;
  } focus;

  // Runtime levers (outages, adoption, pools, mobile team); all off by default.
  LeverSpec levers;
  // Recurring internal work of the units' agencies ([tables] internal_work); off by default.
  InternalWorkSpec internal_work;
  // Reception counters, ticket cap and citizen patience (reception_spec.hpp); off by default.
  ReceptionSpec reception;
  // Paid overtime per position (overtime_spec.hpp); off by default.
  OvertimeSpec overtime;

  // [costs]: what officers cost (models/costs.hpp); base_salary 0 when the scenario has none.
  struct Costs {
    double base_salary = 0.0;  // VND per month (lương cơ sở)
    std::string base_salary_source;
    double on_costs = 0.0;  // employer's costs on top of pay, as a share of it
    std::string on_costs_source;
    double months_per_year = 12.0;  // pay months per year
  } costs;
};

}  // namespace twotier::model
