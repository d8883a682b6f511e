// `twotier scaffold`: a province folder from a units table (see province_scaffold.hpp).
#include "analysis/calibration/province_scaffold.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "analysis/results/csv_format.hpp"  // csv_field
#include "analysis/results/output_folder.hpp"
#include "models/csv_table.hpp"
#include "models/scenario_error.hpp"
#include "models/text_check.hpp"
#include "models/units_parse.hpp"  // parse_number

namespace twotier::analysis {
namespace {

namespace fs = std::filesystem;
using model::CsvColumns;
using model::CsvTable;
using model::ScenarioError;

// The commune job framework (shared/domain/brief.md [V]: dantri 2025-08-13, vietnamnet).
constexpr int kFrameworkLeaders = 8;
constexpr int kFrameworkSpecialists = 20;

const char* const kScenarioFiles[] = {"scenario.toml",  "units.csv",   "positions.csv",
                                      "procedures.csv", "steps.csv",   "profiles.csv",
                                      "arrivals.csv",   "holidays.csv"};

bool commune_level(std::string_view kind) {
  return kind == "commune" || kind == "ward" || kind == "special_zone";
}

// "0.85" rather than "0.84999999999999998": four decimals, trailing zeros dropped.
std::string short_number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.4f", value);
  std::string s = text;
  while (!s.empty() && s.back() == '0')
    s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(file.lexically_normal().string() + ": error: cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Unit {
  std::string id, name, kind;
  double population = 0.0;
};

std::vector<Unit> read_units(const fs::path& file, const std::set<std::string>& reserved) {
  const CsvTable table =
      CsvTable::read_file(file, CsvColumns{{"id", "name", "population", "tier"}, {}});
  std::vector<Unit> units;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    Unit unit;
    unit.id = std::string(row["id"].text());
    if (unit.id.empty()) row["id"].fail("empty id", "a unique id such as phu_hoa");
    if (unit.id == "*" || unit.id.starts_with("kind:") ||
        unit.id.find_first_of(";, \t\"") != std::string::npos)
      row["id"].bad_value("an id without spaces, ',', ';' or '\"', not '*' or 'kind:...'");
    if (!seen.insert(unit.id).second) row["id"].fail("duplicate id '" + unit.id + "'");
    if (reserved.count(unit.id))
      row["id"].fail("id '" + unit.id + "' is a provincial body of the template");
    unit.name = std::string(row["name"].text());
    unit.population = row["population"].parse(model::parse_number);
    // The loader's bound (models/load_tables.cpp), so that the scenario written loads.
    if (!(unit.population > 0) || unit.population > 1e9)
      row["population"].bad_value("residents, a number > 0 and at most 1e9");
    unit.kind = std::string(row["tier"].text());
    if (!commune_level(unit.kind)) row["tier"].bad_value("commune, ward, special_zone");
    units.push_back(std::move(unit));
  }
  if (units.empty()) throw ScenarioError(file.string() + ": error: no units (a header only)");
  return units;
}

// Largest-remainder rounding of `weights` to whole numbers adding up to `total`.
std::vector<int> apportion(const std::vector<double>& weights, int total) {
  double sum = 0.0;
  for (const double w : weights)
    sum += w;
  std::vector<int> out(weights.size(), 0);
  if (sum <= 0) return out;
  std::vector<std::pair<double, std::size_t>> remainders;
  int given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = weights[i] / sum * total;
    out[i] = static_cast<int>(std::floor(exact));
    given += out[i];
    remainders.emplace_back(exact - out[i], i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < total; ++k, ++given)
    ++out[remainders[k % remainders.size()].second];
  return out;
}

struct Files {
  std::map<std::string, std::string> text;  // file name -> contents
};

// A TOML basic string's contents.
std::string toml_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

ScaffoldSummary scaffold_province(const ScaffoldRequest& request) {
  const fs::path& from = request.template_folder;
  // The template's units: its commune-level population and its provincial bodies.
  const CsvTable template_units = CsvTable::read_file(
      from / "units.csv",
      CsvColumns{{"id", "name", "kind"},
                 {"population", "transfer_to_province", "transfer_from_province", "domains"}});
  double template_population = 0.0;
  std::set<std::string> provincial, template_communes;
  std::ostringstream units_csv;
  units_csv << "id,name,kind,population,transfer_to_province,transfer_from_province,domains\n";
  std::ostringstream provincial_rows;
  for (std::size_t i = 0; i < template_units.size(); ++i) {
    const auto row = template_units.row(i);
    const std::string id(row["id"].text()), kind(row["kind"].text());
    if (commune_level(kind)) {
      template_communes.insert(id);
      if (!row["population"].empty())
        template_population += row["population"].parse(model::parse_number);
      continue;
    }
    provincial.insert(id);
    provincial_rows << csv_field(id) << ',' << csv_field(row["name"].text()) << ',' << kind
                    << ",0,,," << csv_field(row["domains"].text()) << '\n';
  }
  if (!(template_population > 0))
    throw ScenarioError((from / "units.csv").string() +
                        ": error: the template has no commune-level population to scale from");

  const std::vector<Unit> units = read_units(request.units, provincial);
  ScaffoldSummary summary;
  summary.units = static_cast<int>(units.size());
  for (const Unit& unit : units)
    summary.population += unit.population;
  summary.template_population = template_population;
  summary.scale = summary.population / template_population;
  for (const Unit& unit : units) {
    // Electronic transfer on the shared dossier software [A] (the template's default).
    units_csv << csv_field(unit.id) << ',' << csv_field(unit.name.empty() ? unit.id : unit.name)
              << ',' << unit.kind << ',' << short_number(unit.population)
              << ",\"tri(1h, 3h, 1d)\",\"tri(1h, 3h, 1d)\",\n";
  }
  units_csv << provincial_rows.str();

  // Positions: the template's `*` rows rescaled to the job framework, provincial bodies scaled.
  const CsvTable template_positions = CsvTable::read_file(
      from / "positions.csv", CsvColumns{{"unit", "position", "officers", "skills"},
                                         {"dossier_share", "source", "required"}});
  struct Row {
    std::string position, skills, share;
    double officers;
    bool leader;
  };
  std::vector<Row> framework;
  std::ostringstream provincial_positions;
  for (std::size_t i = 0; i < template_positions.size(); ++i) {
    const auto row = template_positions.row(i);
    const std::string unit(row["unit"].text());
    const double officers = row["officers"].parse(model::parse_number);
    const std::string skills(row["skills"].text());
    if (unit == "*") {
      const bool leader = skills.find("signature") != std::string::npos ||
                          skills.find("approval") != std::string::npos;
      framework.push_back({std::string(row["position"].text()), skills,
                           std::string(row["dossier_share"].text()), officers, leader});
    } else if (provincial.count(unit)) {
      // Rounded up: a provincial body is never loaded more than in the template.
      const long scaled =
          std::max(1L, static_cast<long>(std::ceil(officers * summary.scale - 1e-9)));
      provincial_positions << csv_field(unit) << ',' << csv_field(row["position"].text()) << ','
                           << scaled << ',' << csv_field(skills) << ','
                           << csv_field(row["dossier_share"].text()) << '\n';
    }
  }
  if (framework.empty())
    throw ScenarioError((from / "positions.csv").string() +
                        ": error: the template has no '*' rows (the commune staffing to rescale)");
  std::vector<double> leader_weights, specialist_weights;
  for (const Row& r : framework)
    (r.leader ? leader_weights : specialist_weights).push_back(r.officers);
  const std::vector<int> leaders = apportion(leader_weights, kFrameworkLeaders);
  const std::vector<int> specialists = apportion(specialist_weights, kFrameworkSpecialists);
  std::ostringstream positions_csv;
  positions_csv << "unit,position,officers,skills,dossier_share\n";
  std::size_t li = 0, si = 0;
  for (const Row& r : framework) {
    const int officers = r.leader ? leaders[li++] : specialists[si++];
    summary.officers_per_unit += officers;
    positions_csv << "*," << csv_field(r.position) << ',' << officers << ',' << csv_field(r.skills)
                  << ',' << csv_field(r.share) << '\n';
  }
  positions_csv << provincial_positions.str();

  // Arrivals: per-resident rates as they are; provincial per-period rates scaled.
  const CsvTable template_arrivals = CsvTable::read_file(
      from / "arrivals.csv", CsvColumns{{"unit", "procedure", "rate"}, {"profile"}});
  std::ostringstream arrivals_csv;
  arrivals_csv << "unit,procedure,rate,profile\n";
  for (std::size_t i = 0; i < template_arrivals.size(); ++i) {
    const auto row = template_arrivals.row(i);
    const std::string unit(row["unit"].text());
    std::string rate(row["rate"].text());
    if (template_communes.count(unit)) continue;  // the template's own units
    if (provincial.count(unit) && rate.find("res") == std::string::npos) {
      const std::size_t slash = rate.find('/');
      if (slash == std::string::npos) row["rate"].bad_value("N/day, N/month, N/1000res/year");
      const double number = row["rate"].parse(
          [&](std::string_view text) { return model::parse_number(text.substr(0, slash)); });
      rate = short_number(number * summary.scale) + rate.substr(slash);
    }
    arrivals_csv << csv_field(unit) << ',' << csv_field(row["procedure"].text()) << ','
                 << csv_field(rate) << ',' << csv_field(row["profile"].text()) << '\n';
  }

  Files files;
  files.text["units.csv"] = units_csv.str();
  files.text["positions.csv"] = positions_csv.str();
  files.text["arrivals.csv"] = arrivals_csv.str();
  for (const char* name : {"procedures.csv", "steps.csv", "profiles.csv"})
    files.text[name] = read_text(from / name);
  const fs::path holidays = fs::exists(from / "holidays.csv")
                                ? from / "holidays.csv"
                                : from / ".." / "calendars" / "vn_public_holidays.csv";
  files.text["holidays.csv"] = read_text(holidays);

  const std::string name =
      request.name.empty() ? request.out.filename().string() + " baseline" : request.name;
  if (const auto problem = model::forbidden_character(name, false))
    throw ScenarioError("--name '" + model::visible(name) + "': error: " + *problem);
  std::ostringstream toml;
  toml << "# " << name << ": scaffolded by `twotier scaffold` from " << request.units.string()
       << "\n# and the template " << from.string()
       << ". Tags: [V] verified, [A] assumed; every [A] line is a figure to\n"
          "# replace with the province's own (docs/new-province.md).\n\n"
          "[scenario]\n"
       << "name = \"" << toml_escaped(name) << "\"\n"
       << "start = 2026-01-01\n"
          "horizon = \"365d\"\n"
          "warmup = \"0d\"            # starts from an empty office (no backlog snapshot) [A]\n"
          "seed = 1\n"
          "replications = 10\n"
          "on_time_target = 0.9     # what `twotier check` warns below [A]\n\n"
          "[calendar]\n"
          "holidays = \"holidays.csv\"                 # national public holidays [V, template]\n"
          "monday = [\"07:00-11:30\", \"13:00-16:30\"]   # office hours [A, template]\n"
          "tuesday = [\"07:00-11:30\", \"13:00-16:30\"]\n"
          "wednesday = [\"07:00-11:30\", \"13:00-16:30\"]\n"
          "thursday = [\"07:00-11:30\", \"13:00-16:30\"]\n"
          "friday = [\"07:00-11:30\", \"13:00-16:30\"]\n"
          "saturday = []\n"
          "sunday = []\n\n"
          "[deadlines]\n"
          "receipt_cutoff = \"15:00\"  # same-day services received later are due next day [A]\n\n"
          "# Presence and proficiency [A, the template's calibration].\n"
          "[staff]\n"
          "annual_leave_days = 12\n"
          "leave_blocks = 6\n"
          "sick_rate = 0.01\n"
          "speed = 0.9\n"
          "error_probability = 0.02\n\n"
          "# units.csv: the units table given; positions.csv: the commune job framework ("
       << kFrameworkLeaders << " leaders + " << kFrameworkSpecialists
       << " specialists [V])\n# laid out as the template's positions [A], provincial bodies "
          "scaled by population ("
       << short_number(summary.scale)
       << " x the template) [A];\n# procedures, steps and profiles: the template's [A]; "
          "arrivals per 1,000 residents [A].\n"
          "[tables]\n"
          "units = \"units.csv\"\n"
          "procedures = \"procedures.csv\"\n"
          "steps = \"steps.csv\"\n"
          "positions = \"positions.csv\"\n"
          "profiles = \"profiles.csv\"\n"
          "arrivals = \"arrivals.csv\"\n";
  files.text["scenario.toml"] = toml.str();

  // Everything is built: now the folder, under the rules of every output folder (no system
  // folder, locked, created if missing and removed again after a failure).
  OutputFolder folder = OutputFolder::claim(request.out, "twotier scaffold");
  if (!request.force)
    for (const char* file : kScenarioFiles)
      if (fs::exists(request.out / file))
        throw ScenarioError((request.out / file).string() +
                            ": error: already exists (use --force to overwrite)");
  // Every file to a temporary name first, then all renamed: a full disk leaves no half
  // scenario (and no earlier file replaced).
  std::vector<fs::path> temporaries;
  try {
    for (const auto& [file, text] : files.text) {
      temporaries.push_back(request.out / ("." + file + ".tmp"));
      std::ofstream out(temporaries.back(), std::ios::binary);
      out << text;
      out.close();
      if (!out) throw std::runtime_error("cannot write " + temporaries.back().string());
    }
  } catch (...) {
    for (const auto& t : temporaries)
      fs::remove(t);
    throw;
  }
  std::size_t i = 0;
  for (const auto& entry : files.text)
    fs::rename(temporaries[i++], request.out / entry.first);
  folder.keep();
  summary.scenario = request.out / "scenario.toml";
  return summary;
}

}  // namespace twotier::analysis
