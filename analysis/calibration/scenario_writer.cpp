// GCC 12 at -O3 reports a false -Wrestrict inside std::string concatenations inlined
// into this file (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)  // clang has no -Wrestrict
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include "analysis/calibration/scenario_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"

namespace twotier::analysis {

namespace fs = std::filesystem;

namespace {

std::string number(double value) {
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  return std::string(buffer, end);
}

std::string hours_text(double hours, bool working) {
  return number(std::max(0.0, hours)) + (working ? "wh" : "h");
}

std::string clock_text(double seconds_of_day) {
  const long total = std::lround(seconds_of_day / 60.0);
  char text[48];
  std::snprintf(text, sizeof text, "%02ld:%02ld", total / 60, total % 60);
  return text;
}

std::string weekday_hours(const sim::WeeklySchedule& schedule, int weekday) {
  std::string text = "[";
  for (const sim::WorkingInterval& interval : schedule.intervals(weekday)) {
    if (text.size() > 1) text += ", ";
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105329) on "\"" + ...
    text += '"';
    text += clock_text(interval.start_seconds);
    text += '-';
    text += clock_text(interval.end_seconds);
    text += '"';
  }
  return text + "]";
}

bool always_open(const sim::WeeklySchedule& schedule) {
  for (int d = 0; d < sim::kDaysPerWeek; ++d)
    if (schedule.working_seconds(d) < sim::kSecondsPerDay) return false;
  return true;
}

std::string toml_string(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

void write_table(const fs::path& file, const std::function<void(std::ostream&)>& write) {
  write_text_atomically(file, write);
}

}  // namespace

std::string format_distribution(const model::DelaySpec& delay) {
  const sim::Distribution& d = delay.hours;
  const bool w = delay.working_time;
  const double mean = d.mean();
  const double cv = mean > 0 ? std::sqrt(d.variance()) / mean : 0.0;
  switch (d.kind()) {
    case sim::DistributionKind::kDeterministic:
      return "const(" + hours_text(mean, w) + ")";
    case sim::DistributionKind::kExponential:
      return "exp(" + hours_text(mean, w) + ")";
    case sim::DistributionKind::kErlang:
      return "erlang(" + std::to_string(std::max(1L, std::lround(1.0 / (cv * cv)))) + ", " +
             hours_text(mean, w) + ")";
    case sim::DistributionKind::kLognormal:
      return "lognormal(" + hours_text(mean, w) + ", " + number(cv) + ")";
    case sim::DistributionKind::kUniform: {
      const double half = std::sqrt(3.0 * d.variance());
      return "uniform(" + hours_text(mean - half, w) + ", " + hours_text(mean + half, w) + ")";
    }
    case sim::DistributionKind::kGamma:
    case sim::DistributionKind::kTriangular:
    case sim::DistributionKind::kEmpirical:
      if (mean <= 0) return "const(" + hours_text(0, w) + ")";
      return "gamma(" + hours_text(mean, w) + ", " + number(cv) + ")";
  }
  return "const(0h)";
}

void write_scenario(const model::ModelSpec& spec, const fs::path& folder,
                    const ScenarioWriteOptions& options) {
  fs::create_directories(folder);
  const sim::Calendar& calendar = spec.calendars.at(0);
  const bool open_always = always_open(calendar.schedule());
  const sim::CivilDate start =
      sim::add_days(spec.epoch_date, static_cast<std::int64_t>(std::floor(spec.start.days())));

  bool any_holiday = false;
  write_table(folder / "holidays.csv", [&](std::ostream& out) {
    out << "date,kind\n";
    if (open_always) return;
    for (int day = 0; day < calendar.num_days(); ++day) {
      const sim::CivilDate date = calendar.date_of_day(day);
      const bool scheduled = calendar.schedule().working_seconds(sim::weekday(date)) > 0;
      if (scheduled == calendar.is_working_day(day)) continue;
      out << sim::to_string(date) << (scheduled ? ",holiday\n" : ",makeup_working_day\n");
      any_holiday = true;
    }
  });

  write_table(folder / "scenario.toml", [&](std::ostream& out) {
    for (const std::string& line : options.toml_comments)
      out << "# " << line << "\n";
    out << "\n[scenario]\n"
        << "name = " << toml_string(spec.name) << "\n"
        << "start = " << sim::to_string(start) << "\n"
        << "horizon = \"" << number(std::max(1.0, std::round((spec.end - spec.start).days())))
        << "d\"\n"
        << "warmup = \"" << number(spec.warmup.days()) << "d\"\n"
        << "seed = " << spec.seed << "\n"
        << "replications = " << spec.replications << "\n\n[calendar]\n";
    if (open_always) {
      out << "always_open = true\n";
    } else {
      static const char* const kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};
      for (int d = 0; d < sim::kDaysPerWeek; ++d)
        out << kDays[d] << " = " << weekday_hours(calendar.schedule(), d) << "\n";
      if (any_holiday) out << "holidays = \"holidays.csv\"\n";
    }
    if (spec.deadline_rule.receipt_cutoff_seconds_of_day)
      out << "\n[deadlines]\nreceipt_cutoff = \""
          << clock_text(*spec.deadline_rule.receipt_cutoff_seconds_of_day) << "\"\n";
    out << "\n[tables]\nunits = \"units.csv\"\nprocedures = \"procedures.csv\"\n"
        << "steps = \"steps.csv\"\npositions = \"positions.csv\"\n"
        << "profiles = \"profiles.csv\"\narrivals = \"arrivals.csv\"\n";
  });

  write_table(folder / "units.csv", [&](std::ostream& out) {
    out << "id,name,kind,population,transfer_to_province,transfer_from_province,domains\n";
    for (const model::UnitSpec& u : spec.units) {
      out << csv_field(u.id) << "," << csv_field(u.name) << "," << model::to_string(u.kind) << ","
          << number(u.population) << ",";
      if (u.tier() == model::Tier::kCommune)
        out << csv_field(format_distribution(u.transfer_to_province)) << ","
            << csv_field(format_distribution(u.transfer_from_province));
      else
        out << ",";
      out << ",";
      std::string domains;
      for (model::Domain d : u.domains)
        domains += (domains.empty() ? "" : ";") + std::string(model::to_string(d));
      out << domains << "\n";
    }
  });

  write_table(folder / "procedures.csv", [&](std::ostream& out) {
    out << "id,name,domain,authority,deadline,citizen_response,withdraw_probability,"
           "clock_on_supplement,channel_in_person,channel_online,channel_post\n";
    for (const model::ProcedureSpec& p : spec.procedures) {
      const auto text = options.distribution_text.find("citizen/" + p.id);
      const std::string citizen = text != options.distribution_text.end()
                                      ? text->second
                                      : format_distribution(p.citizen_response);
      out << csv_field(p.id) << "," << csv_field(p.name) << "," << model::to_string(p.domain) << ","
          << model::to_string(p.authority) << "," << p.deadline_workdays << ","
          << csv_field(citizen) << "," << number(p.withdraw_probability) << ","
          << model::to_string(p.clock_on_supplement);
      for (double w : p.channel_mix)
        out << "," << number(w);
      out << "\n";
    }
  });

  write_table(folder / "steps.csv", [&](std::ostream& out) {
    out << "procedure,step,name,kind,tier,skill,effort,incomplete_probability,"
           "field_check_probability,field_check,pauses_clock\n";
    for (const model::ProcedureSpec& p : spec.procedures) {
      for (std::size_t s = 0; s < p.steps.size(); ++s) {
        const model::StepSpec& step = p.steps[s];
        const std::string key = "effort/" + p.id + "/" + std::to_string(s + 1);
        const auto text = options.distribution_text.find(key);
        std::string effort;
        if (step.kind != model::StepKind::kTransfer)
          effort = text != options.distribution_text.end() ? text->second
                                                           : format_distribution(step.effort);
        out << csv_field(p.id) << "," << s + 1 << "," << csv_field(step.name) << ","
            << model::to_string(step.kind) << "," << model::to_string(step.tier) << ","
            << (model::needs_officer(step.kind) ? csv_field(spec.skills[step.skill]) : "") << ","
            << csv_field(effort) << ",";
        if (model::needs_officer(step.kind)) {
          out << number(step.incomplete_probability) << ",";
          if (step.field_check_probability > 0)
            out << number(step.field_check_probability) << ","
                << csv_field(format_distribution(step.field_check));
          else
            out << ",";
        } else {
          out << ",,";
        }
        out << "," << (step.pauses_clock ? "true" : "false") << "\n";
      }
    }
  });

  write_table(folder / "positions.csv", [&](std::ostream& out) {
    out << "unit,position,officers,skills,dossier_share\n";
    for (const model::PositionSpec& p : spec.positions) {
      std::string skills;
      for (int k : p.skills)
        skills += (skills.empty() ? "" : ";") + spec.skills[k];
      out << csv_field(spec.units[p.unit].id) << "," << csv_field(p.id) << "," << p.officers << ","
          << csv_field(skills) << "," << number(p.dossier_share) << "\n";
    }
  });

  write_table(folder / "profiles.csv", [&](std::ostream& out) {
    out << "profile,dimension,key,factor\n";
    static const char* const kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (const model::ProfileSpec& profile : spec.profiles) {
      if (profile.id == "flat") continue;  // built in
      // hour-of-week = hour x weekday: hours from the first open weekday, weekdays as ratios.
      int reference = 0;
      double reference_total = 0.0;
      for (int d = 0; d < 7 && reference_total <= 0; ++d) {
        reference = d;
        reference_total = 0.0;
        for (int h = 0; h < 24; ++h)
          reference_total += profile.week[d * 24 + h];
      }
      for (int h = 0; h < 24; ++h)
        out << profile.id << ",hour," << h << "," << number(profile.week[reference * 24 + h])
            << "\n";
      for (int d = 0; d < 7; ++d) {
        double total = 0.0;
        for (int h = 0; h < 24; ++h)
          total += profile.week[d * 24 + h];
        out << profile.id << ",weekday," << kWeekdays[d] << ","
            << number(reference_total > 0 ? total / reference_total : 1.0) << "\n";
      }
      for (int m = 0; m < 12; ++m)
        out << profile.id << ",month," << m + 1 << "," << number(profile.month[m]) << "\n";
      if (profile.yearly_trend != 0.0)
        out << profile.id << ",trend,yearly@" << sim::to_string(profile.trend_base) << ","
            << number(profile.yearly_trend) << "\n";
      for (const model::ProfileSpec::Surge& s : profile.surges)
        out << profile.id << ",surge," << sim::to_string(s.from) << ".." << sim::to_string(s.to)
            << "," << number(s.factor) << "\n";
    }
  });

  write_table(folder / "arrivals.csv", [&](std::ostream& out) {
    out << "unit,procedure,rate,profile\n";
    for (const model::ArrivalStreamSpec& a : spec.arrivals)
      out << csv_field(spec.units[a.unit].id) << "," << csv_field(spec.procedures[a.procedure].id)
          << "," << number(a.per_day) << "/day," << csv_field(spec.profiles[a.profile].id) << "\n";
  });
}

}  // namespace twotier::analysis
