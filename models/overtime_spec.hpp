// Paid overtime (issue 18 item 2): a policy per position says how long its officers may work
// past their unit's closing time, per day and per week, and what makes them stay (the queue
// of the position's skills at the unit, or the part of it due soon). Runtime:
// models/replication_overtime.cpp; hours per officer and position reach utilisation.csv,
// results.h5 and summary.csv (docs/output-format.md), with a cost of hours x rate.
// Part of ModelSpec: filled and validated by the loader (models/load_officer_policies.cpp,
// section [overtime]), read-only afterwards. Off by default.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace twotier::model {

enum class OvertimeTrigger : std::uint8_t {
  kBacklog,  // tasks queued at the unit for the position's skills >= threshold
  kDueSoon,  // of those, tasks whose appointment is at most due_soon_workdays away >= threshold
};

struct OvertimePolicy {
  double max_hours_per_day = 2.0;   // per officer, after closing; (0, 6]
  double max_hours_per_week = 8.0;  // per officer, Monday to Sunday; > 0
  OvertimeTrigger trigger = OvertimeTrigger::kBacklog;
  int threshold = 1;               // tasks
  double due_soon_workdays = 2.0;  // kDueSoon: statutory working days to the appointment
  double rate_per_hour = 0.0;      // cost of an hour (currency of the staffing costs), >= 0
  // Or: the officer's hourly pay ([costs], models/costs.hpp hourly_cost) times this premium
  // (1.5 = the Labour Code's 150 % on working days); NaN when `rate_per_hour` is used.
  double premium = std::numeric_limits<double>::quiet_NaN();
  std::string premium_source;  // where the premium comes from (required with it)
};

struct OvertimeSpec {
  // Per ModelSpec::positions entry: its policy (index into `policies`) or -1. Empty: off.
  std::vector<int> policy_of_position;
  std::vector<OvertimePolicy> policies;
  bool enabled() const { return !policy_of_position.empty(); }
};

}  // namespace twotier::model
