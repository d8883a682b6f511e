#include "models/group_daily.hpp"

namespace twotier::model {

GroupDaily::Groups::Groups(int groups, int days)
    : open(groups, 0),
      overdue_open(groups, 0),
      day_arrivals(groups, 0),
      day_completions(groups, 0) {
  series.days = days;
  series.units = groups;
  const std::size_t cells = static_cast<std::size_t>(days) * static_cast<std::size_t>(groups);
  series.arrivals.reserve(cells);
  series.completions.reserve(cells);
  series.backlog.reserve(cells);
  series.overdue.reserve(cells);
}

void GroupDaily::Groups::close_day() {
  for (std::size_t g = 0; g < open.size(); ++g) {
    series.arrivals.push_back(day_arrivals[g]);
    series.completions.push_back(day_completions[g]);
    series.backlog.push_back(static_cast<std::int32_t>(open[g]));
    series.overdue.push_back(static_cast<std::int32_t>(overdue_open[g]));
    day_arrivals[g] = 0;
    day_completions[g] = 0;
  }
}

GroupDaily::GroupDaily(const ModelSpec& spec, int days)
    : domain_(kDomainCount, days), tier_(kTierCount, days) {
  for (const ProcedureSpec& p : spec.procedures) {
    domain_of_.push_back(static_cast<int>(p.domain));
    tier_of_.push_back(static_cast<int>(p.authority));
  }
}

void GroupDaily::on_carried_in(int procedure, bool overdue) {
  for (auto [groups, g] :
       {std::pair{&domain_, domain_of_[procedure]}, std::pair{&tier_, tier_of_[procedure]}}) {
    ++groups->open[g];
    if (overdue) ++groups->overdue_open[g];
  }
}

void GroupDaily::on_receive(int procedure) {
  for (auto [groups, g] :
       {std::pair{&domain_, domain_of_[procedure]}, std::pair{&tier_, tier_of_[procedure]}}) {
    ++groups->open[g];
    ++groups->day_arrivals[g];
  }
}

void GroupDaily::on_overdue(int procedure) {
  ++domain_.overdue_open[domain_of_[procedure]];
  ++tier_.overdue_open[tier_of_[procedure]];
}

void GroupDaily::on_leave(int procedure, bool completed, bool was_overdue) {
  for (auto [groups, g] :
       {std::pair{&domain_, domain_of_[procedure]}, std::pair{&tier_, tier_of_[procedure]}}) {
    --groups->open[g];
    if (was_overdue) --groups->overdue_open[g];
    if (completed) ++groups->day_completions[g];
  }
}

void GroupDaily::close_day() {
  domain_.close_day();
  tier_.close_day();
}

}  // namespace twotier::model
