// Internal to the scenario loader, not part of the model's API: the Builder that reads one
// scenario into a ModelSpec, shared by models/scenario_loader.cpp (entry point, orchestration,
// TOML access) and the models/load_*.cpp files, one per part of the scenario they read. Include
// it only from those files; everyone else calls load_scenario (models/scenario_loader.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <functional>  // std::function (domain_ranks)
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/csv_table.hpp"
#include "models/scenario_document.hpp"
#include "models/spec.hpp"
#include "models/units_parse.hpp"
#include "sim/holiday_table.hpp"

namespace twotier::model::loader_internal {

constexpr long long kMaxOfficersPerPosition = 100000;

// A unit selector in positions.csv and arrivals.csv: an id, `*` or `kind:<kind>`.
struct UnitSelection {
  std::vector<int> units;
  int specificity = 0;  // 2 an id, 1 a kind, 0 every commune-level unit
};

// The text of a TOML value for the unit parsers (dates and numbers as written).
std::string text_of(const toml::node& node, std::string_view key);

// Reads one scenario document and its tables into spec_ (build); each read_* fills its part
// and records what later checks need. Used once, by load_scenario.
class Builder {
 public:
  Builder(ScenarioDocument document) : doc_(std::move(document)) {}

  // Orchestration and TOML access: models/scenario_loader.cpp
  ModelSpec build();

 private:
  const toml::table* section(std::string_view name) const;
  [[noreturn]] void missing(std::string_view table, std::string_view key) const;
  const toml::node* find(std::string_view table, std::string_view key) const;
  const toml::node& require(std::string_view table, std::string_view key) const;
  static std::string path_of(std::string_view table, std::string_view key);
  template <class Parse>
  static auto parse_node(const toml::node& node, const std::string& key, Parse&& parse) {
    const std::string text = text_of(node, key);
    try {
      return parse(text);
    } catch (const ValueError& e) {
      fail_at(node, key, "bad value '" + text + "': " + e.problem(), e.allowed());
    }
  }
  static std::string string_of(const toml::node& node, const std::string& key);
  static long long integer_of(const toml::node& node, const std::string& key, long long lo,
                              long long hi);
  std::optional<CsvTable> table(std::string_view key, const CsvColumns& columns, bool required);
  std::string resolved_text() const;

  // [scenario], [calendar], [deadlines]; the calendar and times: models/load_calendar.cpp
  void read_scenario_section();
  void read_calendar_section();
  void check_holiday_years(const std::string& file) const;
  void read_deadlines_section();
  void read_calibration_section();
  void make_calendar();
  sim::Instant instant_of(const DateTimeValue& t) const;
  void place_in_time();

  // units.csv, procedures.csv, steps.csv, positions.csv: models/load_tables.cpp
  void read_units();
  std::string checked_id(const CsvCell& cell) const;
  DelaySpec optional_delay(const CsvCell& cell) const;
  int unit_of(const CsvCell& cell) const;
  int procedure_of(const CsvCell& cell) const;
  UnitSelection select_units(const CsvCell& cell) const;
  void read_procedures();
  int skill_index(const std::string& name);
  void read_steps();
  void check_deadline_reachable(const ProcedureSpec& procedure, const std::string& where) const;
  void read_positions();
  std::vector<SecondarySkill> secondary_skills(const CsvCell& cell, const std::vector<int>& skills);

  // [costs] and the salaries table: models/load_costs.cpp
  void read_costs();

  // profiles.csv, arrivals.csv, replay, backlog: models/load_arrivals.cpp
  void read_profiles();
  void read_arrivals();
  void read_replay();
  void read_backlog();

  // Staff: models/load_staff.cpp
  static double number_of(const toml::node& node, const std::string& key, double lo, double hi);
  std::vector<std::string> string_list(const toml::node& node, const std::string& key) const;
  static std::array<std::int8_t, kDomainCount> domain_ranks(
      const std::vector<std::string>& names, const std::function<void(const std::string&)>& fail);
  static std::vector<double> signing_times(const std::vector<std::string>& texts);
  int day_of(const sim::CivilDate& date) const;
  void read_staff();
  void staff_lever_positions(std::size_t first);
  OfficerSpec default_officer(int unit, int position);
  int position_at(int unit, std::string_view id) const;
  std::string positions_of_unit(int unit) const;
  void read_unit_staff();
  void read_officers();
  std::vector<std::size_t> leavers(int unit, int position, int day) const;
  void read_staff_changes();
  void read_training();
  std::map<std::string, std::vector<sim::CivilDate>, std::less<>> season_anchors() const;

  // [reception] and [overtime]: models/load_officer_policies.cpp
  void read_reception();
  void read_overtime();

  // checks across tables: models/load_cross_checks.cpp
  [[noreturn]] void fail_step(int procedure, int step, const std::string& problem) const;
  bool covered(int unit, int skill) const;
  void check_province_bodies();
  void check_coverage();

  // --- state --------------------------------------------------------------------------------
  // The [staff] defaults (read_staff), given to the anonymous officers tables and levers add.
  struct StaffDefaults {
    double speed = 1.0;
    double error_probability = 0.0;
    double sick_rate = 0.0;
    int annual_leave_days = 0;
    int leave_blocks = 1;
    double ramp_start_speed = 1.0;
    int ramp_workdays = 0;
  };
  struct StepLine {
    int procedure;
    int step;
    int line;
  };
  struct SkillUse {
    int skill;
    int line;
    std::string file;
  };
  struct DemandRow {  // a (unit, procedure) pair that receives dossiers, and where it is set
    int unit;
    int procedure;
    std::string file;
    int line;
  };

  ScenarioDocument doc_;
  ModelSpec spec_;
  UnitContext context_;
  sim::CivilDate start_date_;
  sim::Duration horizon_;
  const toml::node* start_node_ = nullptr;  // in doc_, for messages about the run's dates
  const toml::node* horizon_node_ = nullptr;
  std::optional<sim::WeeklySchedule> schedule_;
  sim::HolidayTable holidays_;
  std::map<std::string, int, std::less<>> unit_index_;
  std::vector<std::string> unit_ids_;
  std::vector<int> unit_lines_;
  std::array<int, kDomainCount> domain_owner_line_{};
  std::map<std::string, int, std::less<>> procedure_index_;
  std::vector<std::string> procedure_ids_;
  std::vector<int> procedure_lines_;
  std::string procedures_file_;
  std::string steps_file_;
  std::string positions_file_;
  std::vector<StepLine> step_lines_;
  std::vector<SkillUse> step_skill_lines_;
  std::vector<std::string> profile_ids_;
  std::vector<DemandRow> demand_rows_;
  std::vector<DateTimeValue> replay_times_;
  std::vector<DateTimeValue> backlog_times_;
  std::vector<std::pair<std::string, std::string>> csv_texts_;
  StaffDefaults staff_defaults_;
  std::map<std::pair<int, std::string>, int> officers_numbered_;  // (unit, position) -> last k
  std::vector<bool> held_positions_;  // positions some officer of the roster holds
};

}  // namespace twotier::model::loader_internal
