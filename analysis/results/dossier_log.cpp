#include "analysis/results/dossier_log.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstring>     // std::memcpy, std::memcmp
#include <functional>  // std::hash

#include "models/csv_table.hpp"
#include "models/units_parse.hpp"

namespace twotier::analysis {

namespace {

using model::CsvCell;

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

std::string_view DossierIds::id_of(std::size_t index) const {
  const std::uint64_t begin = starts_[index];
  const std::uint64_t end = index + 1 < starts_.size() ? starts_[index + 1] : bytes_.size();
  return std::string_view(bytes_).substr(begin, end - begin);
}

DossierIds::Slot DossierIds::slot_for(std::string_view id) {
  Slot slot{};
  std::memcpy(slot.prefix, id.data(), std::min(id.size(), sizeof slot.prefix));
  slot.length = static_cast<std::uint32_t>(id.size());
  return slot;
}

bool DossierIds::matches(const Slot& slot, const Slot& key, std::string_view id) const {
  return slot.length == key.length &&
         std::memcmp(slot.prefix, key.prefix, sizeof slot.prefix) == 0 &&
         (id.size() <= sizeof slot.prefix || id_of(slot.index - 1) == id);
}

void DossierIds::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& moved : old) {
    if (moved.index == 0) continue;
    std::size_t at = std::hash<std::string_view>{}(id_of(moved.index - 1)) & mask;
    while (slots_[at].index != 0)
      at = (at + 1) & mask;
    slots_[at] = moved;
  }
}

std::optional<std::size_t> DossierIds::find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const Slot key = slot_for(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = std::hash<std::string_view>{}(id)&mask; slots_[at].index != 0;
       at = (at + 1) & mask)
    if (matches(slots_[at], key, id)) return slots_[at].index - 1;
  return std::nullopt;
}

std::optional<int> DossierIds::insert(std::string_view id, std::size_t index, int line) {
  assert(index == starts_.size());
  if (2 * (starts_.size() + 1) > slots_.size()) grow();
  Slot key = slot_for(id);
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = std::hash<std::string_view>{}(id)&mask;
  for (; slots_[at].index != 0; at = (at + 1) & mask)
    if (matches(slots_[at], key, id)) return lines_[slots_[at].index - 1];
  starts_.push_back(bytes_.size());
  bytes_ += id;
  lines_.push_back(line);
  key.index = static_cast<std::uint32_t>(index + 1);
  slots_[at] = key;
  return std::nullopt;
}

DossierLogReader::DossierLogReader(const std::filesystem::path& dossiers)
    : csv_(dossiers, {{"id", "unit", "procedure", "channel", "received_at", "due_at",
                       "completed_at", "outcome"},
                      {"supplement_requested_at", "supplement_returned_at"}}) {
  has_supplementation_ = csv_.has_column("supplement_requested_at");
  id_ = csv_.column("id");
  unit_ = csv_.column("unit");
  procedure_ = csv_.column("procedure");
  channel_ = csv_.column("channel");
  received_ = csv_.column("received_at");
  due_ = csv_.column("due_at");
  completed_ = csv_.column("completed_at");
  outcome_ = csv_.column("outcome");
  requested_ = csv_.column("supplement_requested_at");
  returned_ = csv_.column("supplement_returned_at");
}

bool DossierLogReader::next(LoggedDossier& d) {
  if (!csv_.next()) return false;
  d.line = csv_.line();
  const CsvCell id = csv_.cell(id_);
  if (id.empty()) id.fail("missing value", "a unique dossier id");
  if (const auto first = ids_.insert(id.text(), ids_.size(), d.line))
    id.fail("bad value '" + std::string(id.text()) + "': duplicate id (first on row " +
            std::to_string(*first) + ")");
  d.id = id.text();
  for (const int column : {unit_, procedure_})
    if (csv_.cell(column).empty()) csv_.cell(column).fail("missing value", "an id");
  d.unit = csv_.cell(unit_).text();
  d.procedure = csv_.cell(procedure_).text();
  const CsvCell channel = csv_.cell(channel_);
  d.channel = model::Channel::kInPerson;
  if (!channel.empty()) {
    const auto parsed = model::parse_channel(channel.text());
    if (!parsed) channel.bad_value("in_person, online, post");
    d.channel = *parsed;
  }
  d.received = required_time(csv_.cell(received_));
  d.due = optional_time(csv_.cell(due_));
  const CsvCell outcome = csv_.cell(outcome_);
  const auto parsed_outcome = model::parse_dossier_outcome(outcome.text());
  if (!parsed_outcome) outcome.bad_value(model::dossier_outcome_names());
  d.outcome = *parsed_outcome;
  const CsvCell completed = csv_.cell(completed_);
  d.completed = optional_time(completed);
  if (d.outcome == model::DossierOutcome::kPending && d.completed)
    completed.fail("bad value '" + std::string(completed.text()) +
                       "': a pending dossier has no completion time",
                   "empty when outcome is pending");
  if (d.outcome != model::DossierOutcome::kPending && !d.completed)
    completed.fail("missing value for outcome '" + std::string(outcome.text()) + "'",
                   "a date and time when the outcome is not pending");
  not_before(completed, d.completed, d.received, "received_at");
  not_before(csv_.cell(due_), d.due, log_time(date_of(d.received)), "the day of received_at");
  const CsvCell requested = csv_.cell(requested_);
  const CsvCell returned = csv_.cell(returned_);
  d.supplement_requested = optional_time(requested);
  d.supplement_returned = optional_time(returned);
  not_before(requested, d.supplement_requested, d.received, "received_at");
  if (d.supplement_returned && !d.supplement_requested)
    returned.fail("bad value '" + std::string(returned.text()) +
                  "': a return without supplement_requested_at");
  if (d.supplement_requested)
    not_before(returned, d.supplement_returned, *d.supplement_requested, "supplement_requested_at");
  return true;
}

StepLogReader::StepLogReader(const std::filesystem::path& steps, const DossierIds& ids,
                             std::string dossier_file)
    : csv_(steps, {{"id", "step", "started_at", "ended_at"}, {"officer_position"}}),
      ids_(ids),
      dossier_file_(std::move(dossier_file)) {
  id_ = csv_.column("id");
  step_ = csv_.column("step");
  started_ = csv_.column("started_at");
  ended_ = csv_.column("ended_at");
  position_ = csv_.column("officer_position");
}

bool StepLogReader::next(LoggedStep& s) {
  if (!csv_.next()) return false;
  s.line = csv_.line();
  const CsvCell id = csv_.cell(id_);
  const auto found = ids_.find(id.text());
  if (!found)
    id.fail("bad value '" + std::string(id.text()) + "': not a dossier of " + dossier_file_);
  s.dossier = *found;
  const CsvCell step = csv_.cell(step_);
  const long long number = step.parse(model::parse_count);
  if (number < 1 || number > 10000) step.bad_value("a step number from 1");
  s.step = static_cast<int>(number);
  s.started = required_time(csv_.cell(started_));
  s.ended = required_time(csv_.cell(ended_));
  not_before(csv_.cell(ended_), s.ended, s.started, "started_at");
  s.position = csv_.cell(position_).text();
  return true;
}

DossierLog read_dossier_log(const std::filesystem::path& dossiers_file,
                            const std::optional<std::filesystem::path>& steps_file) {
  DossierLogReader dossiers(dossiers_file);
  DossierLog log;
  log.file = dossiers.file();
  log.has_supplementation = dossiers.has_supplementation();
  LoggedDossier d;
  while (dossiers.next(d))
    log.dossiers.push_back(d);
  if (!steps_file) return log;
  StepLogReader steps(*steps_file, dossiers.ids(), log.file);
  log.steps_file = steps.file();
  LoggedStep s;
  while (steps.next(s))
    log.steps.push_back(s);
  return log;
}

}  // namespace twotier::analysis
