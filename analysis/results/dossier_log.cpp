#include "analysis/results/dossier_log.hpp"

#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "models/csv_table.hpp"
#include "models/units_parse.hpp"

namespace twotier::analysis {

namespace {

using model::CsvCell;
using model::CsvRow;
using model::CsvTable;

std::optional<LogTime> optional_time(const CsvCell& cell) {
  if (cell.empty()) return std::nullopt;
  const model::DateTimeValue value = cell.parse(model::parse_date_time);
  return log_time(value.date, value.seconds_of_day);
}

LogTime required_time(const CsvCell& cell) {
  if (cell.empty()) cell.fail("missing value", "a date and time, e.g. 2026-01-05T08:15:00");
  return *optional_time(cell);
}

void not_before(const CsvCell& cell, std::optional<LogTime> t, LogTime earliest, const char* what) {
  if (t && *t < earliest) cell.fail("bad value '" + std::string(cell.text()) + "': before " + what);
}

}  // namespace

std::string format_log_time(LogTime t) {
  const long long total = std::llround(t);
  long long day = total / 86400;
  long long rest = total % 86400;
  if (rest < 0) {
    rest += 86400;
    --day;
  }
  const sim::CivilDate date = sim::civil_from_days(day);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02lld:%02lld:%02lld", date.year, date.month,
                date.day, rest / 3600, rest / 60 % 60, rest % 60);
  return text;
}

LogTime log_time(const sim::CivilDate& date, double seconds_of_day) {
  return static_cast<double>(sim::days_from_civil(date)) * sim::kSecondsPerDay + seconds_of_day;
}

sim::Instant to_instant(LogTime t, const sim::CivilDate& epoch) {
  return {t - log_time(epoch)};
}

LogTime from_instant(sim::Instant t, const sim::CivilDate& epoch) {
  return t.seconds + log_time(epoch);
}

sim::CivilDate date_of(LogTime t) {
  return sim::civil_from_days(static_cast<std::int64_t>(std::floor(t / sim::kSecondsPerDay)));
}

DossierLog read_dossier_log(const std::filesystem::path& dossiers_file,
                            const std::optional<std::filesystem::path>& steps_file) {
  const CsvTable table = CsvTable::read_file(
      dossiers_file,
      {{"id", "unit", "procedure", "channel", "received_at", "due_at", "completed_at", "outcome"},
       {"supplement_requested_at", "supplement_returned_at"}});
  DossierLog log;
  log.file = table.file();
  log.has_supplementation = table.has_column("supplement_requested_at");
  std::unordered_map<std::string, std::size_t> index_of;
  log.dossiers.reserve(table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const CsvRow row = table.row(i);
    LoggedDossier d;
    d.line = row.line();
    const CsvCell id = row["id"];
    if (id.empty()) id.fail("missing value", "a unique dossier id");
    d.id = id.text();
    if (const auto [it, fresh] = index_of.emplace(d.id, i); !fresh)
      id.fail("bad value '" + d.id + "': duplicate id (first on row " +
              std::to_string(log.dossiers[it->second].line) + ")");
    for (const char* column : {"unit", "procedure"})
      if (row[column].empty()) row[column].fail("missing value", "an id");
    d.unit = row["unit"].text();
    d.procedure = row["procedure"].text();
    const CsvCell channel = row["channel"];
    if (!channel.empty()) {
      const auto parsed = model::parse_channel(channel.text());
      if (!parsed) channel.bad_value("in_person, online, post");
      d.channel = *parsed;
    }
    d.received = required_time(row["received_at"]);
    d.due = optional_time(row["due_at"]);
    const CsvCell outcome = row["outcome"];
    const auto parsed_outcome = model::parse_dossier_outcome(outcome.text());
    if (!parsed_outcome) outcome.bad_value(model::dossier_outcome_names());
    d.outcome = *parsed_outcome;
    const CsvCell completed = row["completed_at"];
    d.completed = optional_time(completed);
    if (d.outcome == model::DossierOutcome::kPending && d.completed)
      completed.fail("bad value '" + std::string(completed.text()) +
                         "': a pending dossier has no completion time",
                     "empty when outcome is pending");
    if (d.outcome != model::DossierOutcome::kPending && !d.completed)
      completed.fail("missing value for outcome '" + std::string(outcome.text()) + "'",
                     "a date and time when the outcome is not pending");
    not_before(completed, d.completed, d.received, "received_at");
    not_before(row["due_at"], d.due, log_time(date_of(d.received)), "the day of received_at");
    const CsvCell requested = row["supplement_requested_at"];
    const CsvCell returned = row["supplement_returned_at"];
    d.supplement_requested = optional_time(requested);
    d.supplement_returned = optional_time(returned);
    not_before(requested, d.supplement_requested, d.received, "received_at");
    if (d.supplement_returned && !d.supplement_requested)
      returned.fail("bad value '" + std::string(returned.text()) +
                    "': a return without supplement_requested_at");
    if (d.supplement_requested)
      not_before(returned, d.supplement_returned, *d.supplement_requested,
                 "supplement_requested_at");
    log.dossiers.push_back(std::move(d));
  }
  if (!steps_file) return log;

  const CsvTable steps = CsvTable::read_file(
      *steps_file, {{"id", "step", "started_at", "ended_at"}, {"officer_position"}});
  log.steps_file = steps.file();
  log.steps.reserve(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const CsvRow row = steps.row(i);
    LoggedStep s;
    s.line = row.line();
    const CsvCell id = row["id"];
    const auto found = index_of.find(std::string(id.text()));
    if (found == index_of.end())
      id.fail("bad value '" + std::string(id.text()) + "': not a dossier of " + log.file);
    s.dossier = found->second;
    const CsvCell step = row["step"];
    const long long number = step.parse(model::parse_count);
    if (number < 1 || number > 10000) step.bad_value("a step number from 1");
    s.step = static_cast<int>(number);
    s.started = required_time(row["started_at"]);
    s.ended = required_time(row["ended_at"]);
    not_before(row["ended_at"], s.ended, s.started, "started_at");
    s.position = row["officer_position"].text();
    log.steps.push_back(std::move(s));
  }
  return log;
}

}  // namespace twotier::analysis
