// Names of the model's enums as they appear in scenario files, outputs and messages.
// One table per enum: to_string, parse_* and the "allowed" lists all read the same table.
#include "models/names.hpp"

#include <array>
#include <utility>

#include "models/replication_result.hpp"

namespace twotier::model {
namespace {

template <class Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, const char*>, N>;

constexpr NameTable<Tier, 2> kTierNames{
    {{Tier::kCommune, "commune"}, {Tier::kProvince, "province"}}};

constexpr NameTable<UnitKind, 5> kUnitKindNames{{{UnitKind::kWard, "ward"},
                                                 {UnitKind::kCommune, "commune"},
                                                 {UnitKind::kSpecialZone, "special_zone"},
                                                 {UnitKind::kDepartment, "department"},
                                                 {UnitKind::kServiceCenter, "service_center"}}};

constexpr NameTable<Domain, kDomainCount> kDomainNames{{
    {Domain::kLand, "land"},
    {Domain::kConstruction, "construction"},
    {Domain::kCivilStatusJustice, "civil_status_justice"},
    {Domain::kCertification, "certification"},
    {Domain::kHouseholdBusiness, "household_business"},
    {Domain::kSocialLabour, "social_labour"},
    {Domain::kFinanceBudget, "finance_budget"},
    {Domain::kInvestment, "investment"},
    {Domain::kOther, "other"},
}};

constexpr NameTable<Channel, kChannelCount> kChannelNames{
    {{Channel::kInPerson, "in_person"}, {Channel::kOnline, "online"}, {Channel::kPost, "post"}}};

constexpr NameTable<ClockOnSupplement, 2> kClockNames{
    {{ClockOnSupplement::kPause, "pause"}, {ClockOnSupplement::kRestart, "restart"}}};

constexpr NameTable<StepKind, 4> kStepKindNames{{{StepKind::kWork, "work"},
                                                 {StepKind::kDelay, "delay"},
                                                 {StepKind::kTransfer, "transfer"},
                                                 {StepKind::kSignature, "signature"}}};

constexpr NameTable<DispatchRule, 4> kDispatchRuleNames{
    {{DispatchRule::kFirstComeFirstServed, "fcfs"},
     {DispatchRule::kEarliestDeadline, "earliest_deadline"},
     {DispatchRule::kLeastSlack, "least_slack"},
     {DispatchRule::kDomainPriority, "domain_priority"}}};

constexpr NameTable<HelpRule, 3> kHelpRuleNames{{{HelpRule::kWhenIdle, "when_idle"},
                                                 {HelpRule::kBacklog, "backlog"},
                                                 {HelpRule::kDueSoon, "due_soon"}}};

constexpr NameTable<Metric, kMetricCount> kMetricNames{{
    {Metric::kArrivals, "arrivals"},
    {Metric::kCompleted, "completed"},
    {Metric::kOnTimeRate, "on_time_rate"},
    {Metric::kTimeInSystemDaysMean, "time_in_system_days_mean"},
    {Metric::kProcessingWorkdaysMean, "processing_workdays_mean"},
    {Metric::kProcessingWorkdaysP50, "processing_workdays_p50"},
    {Metric::kProcessingWorkdaysP90, "processing_workdays_p90"},
    {Metric::kProcessingWorkdaysP95, "processing_workdays_p95"},
    {Metric::kBacklogMean, "backlog_mean"},
    {Metric::kBacklogEnd, "backlog_end"},
    {Metric::kOverdueOpenEnd, "overdue_open_end"},
    {Metric::kApologySlips, "apology_slips"},
    {Metric::kSupplementationRequests, "supplementation_requests"},
    {Metric::kReturnedWithdrawn, "returned_withdrawn"},
    {Metric::kWaitOfficerDaysMean, "wait_officer_days_mean"},
    {Metric::kWorkedDaysMean, "worked_days_mean"},
    {Metric::kTransferDaysMean, "transfer_days_mean"},
    {Metric::kCitizenDaysMean, "citizen_days_mean"},
    {Metric::kDelayDaysMean, "delay_days_mean"},
    {Metric::kLittleLawGap, "little_law_gap"},
    {Metric::kOutageHours, "outage_hours"},
    {Metric::kOutageDelayedDossiers, "outage_delayed_dossiers"},
    {Metric::kOverdueTrue, "overdue_true"},
    {Metric::kOverdueFlagged, "overdue_flagged"},
    {Metric::kOnlineShare, "online_share"},
    {Metric::kDeskVisits, "desk_visits"},
    {Metric::kDeskRepeatVisits, "desk_repeat_visits"},
    {Metric::kDeskAbandoned, "desk_abandoned"},
    {Metric::kDeskTurnedAway, "desk_turned_away"},
    {Metric::kDeskWalkedAway, "desk_walked_away"},
    {Metric::kDeskAbandonRate, "desk_abandon_rate"},
    {Metric::kDeskWaitHoursMean, "desk_wait_hours_mean"},
}};

template <class Enum, std::size_t N>
const char* name_in(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> parse_in(const NameTable<Enum, N>& table, std::string_view text) {
  for (const auto& [e, name] : table) {
    if (text == name) return e;
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string list_of(const NameTable<Enum, N>& table) {
  std::string out;
  for (const auto& [e, name] : table) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

const char* to_string(Tier tier) {
  return name_in(kTierNames, tier);
}
const char* to_string(UnitKind kind) {
  return name_in(kUnitKindNames, kind);
}
const char* to_string(Domain domain) {
  return name_in(kDomainNames, domain);
}
const char* to_string(Channel channel) {
  return name_in(kChannelNames, channel);
}
const char* to_string(ClockOnSupplement clock) {
  return name_in(kClockNames, clock);
}
const char* to_string(StepKind kind) {
  return name_in(kStepKindNames, kind);
}
const char* metric_name(Metric metric) {
  return name_in(kMetricNames, metric);
}

std::optional<Tier> parse_tier(std::string_view text) {
  return parse_in(kTierNames, text);
}
std::optional<UnitKind> parse_unit_kind(std::string_view text) {
  return parse_in(kUnitKindNames, text);
}
std::optional<Domain> parse_domain(std::string_view text) {
  return parse_in(kDomainNames, text);
}
std::optional<Channel> parse_channel(std::string_view text) {
  return parse_in(kChannelNames, text);
}
std::optional<ClockOnSupplement> parse_clock_on_supplement(std::string_view text) {
  return parse_in(kClockNames, text);
}
std::optional<StepKind> parse_step_kind(std::string_view text) {
  return parse_in(kStepKindNames, text);
}

std::string tier_names() {
  return list_of(kTierNames);
}
std::string unit_kind_names() {
  return list_of(kUnitKindNames);
}
std::string domain_names() {
  return list_of(kDomainNames);
}
std::string channel_names() {
  return list_of(kChannelNames);
}
std::string clock_on_supplement_names() {
  return list_of(kClockNames);
}
std::string step_kind_names() {
  return list_of(kStepKindNames);
}

const char* to_string(DispatchRule rule) {
  return name_in(kDispatchRuleNames, rule);
}
std::optional<DispatchRule> parse_dispatch_rule(std::string_view text) {
  return parse_in(kDispatchRuleNames, text);
}
std::string dispatch_rule_names() {
  return list_of(kDispatchRuleNames);
}

const char* to_string(HelpRule rule) {
  return name_in(kHelpRuleNames, rule);
}
std::optional<HelpRule> parse_help_rule(std::string_view text) {
  return parse_in(kHelpRuleNames, text);
}
std::string help_rule_names() {
  return list_of(kHelpRuleNames);
}

}  // namespace twotier::model
