#include "apps/cli_support.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>

#include "analysis/statistics/kpi_columns.hpp"
#include "models/focus.hpp"
#include "models/input_limits.hpp"
#include "models/scenario_error.hpp"
#include "models/text_check.hpp"
#include "models/unit_lookup.hpp"

namespace twotier::app {

namespace {

CLI::Validator count_at_least(long long minimum, const std::string& words) {
  return CLI::Validator(
      [minimum, words](std::string& value) -> std::string {
        std::size_t used = 0;
        long long number = 0;
        try {
          number = std::stoll(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != value.size() || number < minimum)
          return "Value " + value + " is not " + words;
        return {};
      },
      words);
}

std::string short_number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

}  // namespace

CLI::Validator positive_count() {
  return count_at_least(1, "a whole number >= 1");
}

CLI::Validator non_negative_count() {
  return count_at_least(0, "a whole number >= 0");
}

std::string command_line(const std::string& fallback) {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string text;
  std::string arg;
  while (std::getline(in, arg, '\0')) {
    if (!text.empty()) text += ' ';
    if (arg.empty() || arg.find_first_of(" \t\"'\\$;&|<>*?") != std::string::npos) {
      std::string quoted = "'";
      for (char c : arg)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      text += quoted + "'";
    } else {
      text += arg;
    }
  }
  return text.empty() ? fallback : text;
}

std::filesystem::path bundled_scenario() {
  const std::filesystem::path here(kBundledScenario);
  if (std::filesystem::exists(here)) return here;
#ifdef TWOTIER_SOURCE_DIR
  const std::filesystem::path source = std::filesystem::path(TWOTIER_SOURCE_DIR) / kBundledScenario;
  if (std::filesystem::exists(source)) return source;
#endif
  return {};
}

std::string describe_warmup(const std::string& scenario, const analysis::WarmupChoice& choice) {
  std::string text = scenario + ": warm-up auto (MSER-5 on the mean daily province backlog of " +
                     std::to_string(choice.pilot_replications) + " pilot replications, " +
                     std::to_string(choice.series_days) + " days): " + std::to_string(choice.days) +
                     " days\n";
  if (choice.at_search_limit)
    text += scenario +
            ": warning: the truncation reached half the run; the transient may be longer than "
            "the horizon allows (lengthen it or start from a backlog snapshot)\n";
  return text;
}

int parse_focus_unit(std::string_view text, const model::ModelSpec& spec,
                     std::string_view command) {
  if (!text.starts_with("unit:")) {
    std::cerr << command << ": error: --focus '" << text
              << "': allowed: unit:ID (a commune-level unit, e.g. unit:phuoc_tan)\n";
    return -1;
  }
  int unit = -1;
  try {  // an id or a name, with or without diacritics
    unit = model::find_unit(spec.units, text.substr(5));
  } catch (const model::ValueError& e) {
    std::cerr << command << ": error: --focus '" << text << "': " << e.problem() << " in scenario "
              << spec.scenario_file << "\n";
    return -1;
  }
  if (const std::string why = model::focus_unsupported(spec, unit); !why.empty()) {
    std::cerr << command << ": error: --focus '" << text << "': " << why
              << "; run the whole province (without --focus)\n";
    return -1;
  }
  return unit;
}

std::string describe_baseline(const analysis::FocusBaseline& baseline) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s", baseline.wall_seconds);
  std::string text = "province baseline: " + std::to_string(baseline.province->replications()) +
                     " replication(s) of the whole province, " +
                     std::to_string(baseline.province->visits()) + " provincial visits, ";
  if (baseline.from_cache)
    return text + "read from the cache " + baseline.cache_file.string() + "\n";
  text += std::string("simulated in ") + seconds;
  if (!baseline.cache_file.empty()) text += " (cached in " + baseline.cache_file.string() + ")";
  return text + "\n";
}

bool kpi_arguments_ok(std::string_view command, const model::ModelSpec& spec,
                      std::string_view scope, std::string_view metric_option,
                      std::string_view metric) {
  std::string problem = analysis::scope_problem(spec, scope);
  if (!problem.empty()) problem = "--scope: " + problem;
  if (problem.empty() && !metric.empty()) {
    problem = analysis::metric_problem(metric);
    if (!problem.empty()) problem = std::string(metric_option) + ": " + problem;
  }
  if (problem.empty()) return true;
  std::cerr << "twotier " << command << ": error: " << problem << "\n";
  return false;
}

CLI::Validator number_range(double low, double high) {
  const std::string words = "a number from " + short_number(low) + " to " + short_number(high);
  return CLI::Validator(
      [low, high, words](std::string& text) -> std::string {
        double x = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
        if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(x) || x < low ||
            x > high)
          return "must be " + words + ", got '" + model::visible(text) + "'";
        return {};
      },
      words);
}

CLI::Validator whole_range(long long low, long long high) {
  const std::string words =
      "a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  return CLI::Validator(
      [low, high, words](std::string& text) -> std::string {
        long long n = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || n < low || n > high)
          return "must be " + words + ", got '" + model::visible(text) + "'";
        return {};
      },
      words);
}

CLI::Validator non_empty_path() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? "must not be empty (allowed: a folder or file name)" : "";
      },
      "PATH");
}

CLI::Validator replications_range(long long minimum) {
  return CLI::Validator(
      [minimum](std::string& text) -> std::string {
        long long n = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || n < minimum ||
            n > model::kMaxReplications) {
          return "scenario.replications: replications must be a whole number from " +
                 std::to_string(minimum) + " to " + std::to_string(model::kMaxReplications) +
                 ", got '" + model::visible(text) + "'";
        }
        return {};
      },
      std::to_string(minimum) + ".." + std::to_string(model::kMaxReplications));
}

}  // namespace twotier::app
