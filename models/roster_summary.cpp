#include "models/roster_summary.hpp"

#include <map>
#include <utility>

#include "models/roster.hpp"

namespace twotier::model {
namespace {

// Anonymous officers get ids "<unit>/<position>#<k>" (or "#+<k>" when a lever added them).
bool is_anonymous(const OfficerSpec& officer) {
  return officer.id.find('/') != std::string::npos && officer.id.find('#') != std::string::npos;
}

bool in_post(const OfficerSpec& officer, int day) {
  return officer.from_day <= day && day < officer.until_day;
}

}  // namespace

RosterSummary summarize_roster(const ModelSpec& spec) {
  RosterSummary summary;
  const sim::Calendar& calendar = spec.calendars.front();
  const int first_day = calendar.day_index(spec.start);
  // The last day that starts before the end of the run.
  const int last_day = calendar.day_index(spec.end - sim::Duration{1.0});

  std::map<std::pair<int, int>, int> net;  // (day, position) -> officers in minus out
  double speed_sum = 0.0;
  for (const OfficerSpec& officer : effective_roster(spec)) {
    ++summary.officers;
    if (!is_anonymous(officer)) ++summary.named;
    if (officer.positions.size() > 1) ++summary.concurrent;
    if (officer.dossier_share < 1.0) ++summary.part_time;
    if (officer.ramp_workdays > 0) ++summary.ramping;
    if (!officer.training.empty()) ++summary.trained;
    if (in_post(officer, first_day)) {
      ++summary.in_post_at_start;
      speed_sum += officer.speed;
    }
    if (in_post(officer, last_day)) ++summary.in_post_at_end;
    for (const int position : officer.positions) {
      if (officer.from_day > first_day && officer.from_day <= last_day)
        ++net[{officer.from_day, position}];
      if (officer.until_day > first_day && officer.until_day <= last_day)
        --net[{officer.until_day, position}];
    }
  }
  if (summary.in_post_at_start > 0) summary.mean_speed = speed_sum / summary.in_post_at_start;
  for (const auto& [key, delta] : net) {
    if (delta != 0) summary.changes.push_back({key.first, key.second, delta});
  }
  return summary;
}

}  // namespace twotier::model
