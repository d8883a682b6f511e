// Staffing outputs (see staffing_report.hpp).
#include "analysis/reports/staffing_report.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "analysis/reports/experiment_workbooks.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/run_outputs.hpp"

namespace twotier::analysis {
namespace {

namespace fs = std::filesystem;

MeanEstimate find_estimate(const StaffingEvaluation& e, std::string_view scope,
                           model::Metric metric) {
  if (const SummaryRow* row = find_row(e.summary, scope, model::metric_name(metric)))
    return row->estimate;
  const double nan = std::nan("");
  return {nan, nan, nan, 0};
}

// The scope a position's row reports: its own commune, else the target's scope.
std::string row_scope(const model::ModelSpec& spec, const StaffingRecommendation& rec, int p) {
  const auto& unit =
      spec.units[static_cast<std::size_t>(spec.positions[static_cast<std::size_t>(p)].unit)];
  if (unit.tier() == model::Tier::kCommune) return "unit:" + unit.id;
  if (rec.scope.kind == TargetScope::Kind::kUnit)
    return "unit:" + spec.units[static_cast<std::size_t>(rec.scope.unit)].id;
  return "province";
}

std::string format_value(model::Metric metric, double value) {
  char buffer[64];
  if (std::isnan(value)) return "n/a";
  if (metric == model::Metric::kOnTimeRate) {
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * value);
  } else if (std::abs(value) >= 100) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  }
  return buffer;
}

// The summary's words in English or Vietnamese.
struct Words {
  bool vi = false;
  const char* t(const char* en, const char* vi_text) const { return vi ? vi_text : en; }
};

std::string interval(const Words& w, model::Metric metric, const MeanEstimate& e,
                     double confidence) {
  char level[16];
  std::snprintf(level, sizeof level, "%.0f%%", 100.0 * confidence);
  const std::string bounds = format_value(metric, e.ci_low) + "–" + format_value(metric, e.ci_high);
  return w.vi ? "KTC " + std::string(level) + " " + bounds : std::string(level) + " CI " + bounds;
}

std::string metric_words(const Words& w, model::Metric metric) {
  switch (metric) {
    case model::Metric::kOnTimeRate:
      return w.t("on-time rate", "tỷ lệ giải quyết đúng hạn");
    case model::Metric::kBacklogEnd:
      return w.t("backlog at the horizon", "số hồ sơ tồn cuối kỳ");
    case model::Metric::kOverdueOpenEnd:
      return w.t("overdue stock at the horizon", "số hồ sơ quá hạn cuối kỳ");
    case model::Metric::kBacklogMean:
      return w.t("mean backlog", "số hồ sơ tồn trung bình");
    default:
      return model::metric_name(metric);
  }
}

std::string target_words(const Words& w, const Target& t) {
  return metric_words(w, t.metric) + (t.sense == TargetSense::kAtLeast ? " >= " : " <= ") +
         format_value(t.metric, t.value);
}

std::string unit_title(const model::ModelSpec& spec, int unit) {
  const auto& u = spec.units[static_cast<std::size_t>(unit)];
  return u.name + " (" + u.id + ")";
}

// "1 more land officer and 2 more one_stop officers".
// Vietnamese: "thêm 1 cán bộ vị trí land và thêm 2 cán bộ vị trí one_stop".
std::string change_words(const Words& w, const model::ModelSpec& spec,
                         const std::vector<std::pair<int, int>>& changes, bool more) {
  std::string text;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto [p, n] = changes[i];
    if (i > 0) text += i + 1 == changes.size() ? w.t(" and ", " và ") : ", ";
    const auto& position = spec.positions[static_cast<std::size_t>(p)];
    const auto& unit = spec.units[static_cast<std::size_t>(position.unit)];
    if (w.vi) {
      text += std::string(more ? "thêm " : "bớt ") + std::to_string(std::abs(n)) +
              " cán bộ vị trí " + position.id;
    } else {
      text += std::to_string(std::abs(n)) + (more ? " more " : " fewer ") + position.id +
              (std::abs(n) == 1 ? " officer" : " officers");
    }
    if (unit.tier() == model::Tier::kProvince) text += w.t(" at ", " tại ") + unit.id;
  }
  return text;
}

}  // namespace

std::string staffing_summary_text(const model::ModelSpec& spec, const StaffingRecommendation& rec,
                                  double confidence, ReportLanguage language) {
  const Words w{language == ReportLanguage::kVietnamese};
  std::ostringstream out;
  const Target& primary = rec.targets.front();
  const char* mode = rec.mode == StaffingRecommendation::Mode::kBudget
                         ? w.t("budget allocation", "phân bổ biên chế bổ sung")
                     : rec.mode == StaffingRecommendation::Mode::kByDate
                         ? w.t("temporary capacity", "tăng cường tạm thời")
                         : w.t("staffing recommendation", "đề xuất biên chế");
  out << w.t("Staffing — ", "Biên chế — ") << mode << w.t(" for ", " cho ") << spec.name << "\n";
  out << w.t("Targets: ", "Chỉ tiêu: ");
  for (std::size_t i = 0; i < rec.targets.size(); ++i)
    out << (i ? ", " : "") << target_words(w, rec.targets[i]);
  const char* scope_words = rec.scope.kind == TargetScope::Kind::kProvince
                                ? w.t("the province as a whole", "toàn tỉnh")
                            : rec.scope.kind == TargetScope::Kind::kUnit
                                ? w.t("one unit", "một đơn vị")
                                : w.t("every commune-level unit", "từng đơn vị cấp xã");
  char level[16];
  std::snprintf(level, sizeof level, "%.0f%%", 100.0 * confidence);
  if (w.vi) {
    out << " — đo trên " << scope_words << ", và chỉ coi là đạt khi cận của khoảng tin cậy "
        << level << " (không chỉ giá trị trung bình) đạt chỉ tiêu.\n";
  } else {
    out << " — measured on " << scope_words << ", and met only when the " << level
        << " confidence bound (not just the mean) meets it.\n";
  }
  if (rec.by) {
    out << w.t("Deadline: the targets must hold at the end of ",
               "Thời hạn: chỉ tiêu phải đạt vào cuối ngày ")
        << sim::to_string(*rec.by) << ".\n";
  }
  const std::size_t first = rec.after.first_replication;
  const std::size_t last = first + rec.after.replications.size() - 1;
  if (w.vi) {
    out << "Tìm kiếm: " << rec.evaluations << " lần mô phỏng, mỗi lần "
        << rec.after.replications.size() << " lần lặp (cùng dãy số ngẫu nhiên), "
        << std::lround(rec.wall_seconds) << " giây; xác nhận trên các lần lặp mới " << first << "–"
        << last << ".\n\n";
  } else {
    out << "Search: " << rec.evaluations << " simulations of " << rec.after.replications.size()
        << " replications each (common random numbers), " << std::lround(rec.wall_seconds)
        << " s; confirmed on fresh replications " << first << "–" << last << ".\n\n";
  }

  // Changes grouped by the unit whose KPI they serve.
  std::map<std::string, std::vector<std::pair<int, int>>> added, removed;
  for (std::size_t p = 0; p < rec.current.size(); ++p) {
    const int change = rec.recommended[p] - rec.current[p];
    if (change == 0) continue;
    const std::string scope = row_scope(spec, rec, static_cast<int>(p));
    (change > 0 ? added : removed)[scope].emplace_back(static_cast<int>(p), change);
  }
  auto scope_title = [&](const std::string& scope) {
    if (scope.starts_with("unit:")) {
      for (std::size_t u = 0; u < spec.units.size(); ++u)
        if ("unit:" + spec.units[u].id == scope) return unit_title(spec, static_cast<int>(u));
    }
    return std::string(w.t("The province", "Toàn tỉnh"));
  };
  const bool temporary = rec.mode == StaffingRecommendation::Mode::kByDate;
  for (const auto& [scope, changes] : added) {
    const MeanEstimate before = find_estimate(rec.before, scope, primary.metric);
    const MeanEstimate after = find_estimate(rec.after, scope, primary.metric);
    const MeanEstimate overdue_before =
        find_estimate(rec.before, scope, model::Metric::kOverdueOpenEnd);
    const MeanEstimate overdue_after =
        find_estimate(rec.after, scope, model::Metric::kOverdueOpenEnd);
    out << scope_title(scope)
        << (temporary ? w.t(" needs temporarily ", " cần tạm thời ") : w.t(" needs ", " cần "))
        << change_words(w, spec, changes, true);
    if (rec.mode == StaffingRecommendation::Mode::kTargets || temporary)
      out << w.t(" to reach ", " để đạt ") << target_words(w, primary);
    out << w.t(": with them its ", ": khi đó ") << metric_words(w, primary.metric)
        << w.t(" goes from ", " chuyển từ ") << format_value(primary.metric, before.mean)
        << w.t(" to ", " thành ") << format_value(primary.metric, after.mean) << " ("
        << interval(w, primary.metric, after, confidence) << ")";
    if (primary.metric != model::Metric::kOverdueOpenEnd && overdue_before.mean >= 0.5) {
      const bool falls = overdue_after.mean <= overdue_before.mean;
      out << w.t(" and its overdue stock at the horizon ", " và số hồ sơ quá hạn cuối kỳ ")
          << (falls ? w.t("falls", "giảm") : w.t("goes", "chuyển")) << w.t(" from ", " từ ")
          << format_value(model::Metric::kOverdueOpenEnd, overdue_before.mean)
          << (falls ? w.t(" to ", " xuống ") : w.t(" to ", " thành "))
          << format_value(model::Metric::kOverdueOpenEnd, overdue_after.mean) << " ("
          << interval(w, model::Metric::kOverdueOpenEnd, overdue_after, confidence) << ")";
    }
    out << ".\n";
  }
  if (temporary && rec.officer_days > 0) {
    out << w.t("That is ", "Tức là ") << std::lround(rec.officer_days)
        << w.t(" officer-days of temporary capacity (e.g. a mobile team) until ",
               " ngày-công cán bộ tăng cường tạm thời (ví dụ một tổ công tác lưu động) đến ngày ")
        << sim::to_string(*rec.by) << ".\n";
  }
  if (added.empty())
    out << w.t("No additional officers are needed.\n", "Không cần bổ sung cán bộ.\n");
  if (!removed.empty()) {
    out << w.t("\nOfficers could be removed without breaking the targets:\n",
               "\nCó thể bớt cán bộ mà vẫn đạt chỉ tiêu:\n");
    for (const auto& [scope, changes] : removed)
      out << "  " << scope_title(scope) << ": " << change_words(w, spec, changes, false) << "\n";
  }
  if (!rec.marginal.empty()) {
    out << w.t("\nMarginal gain of each extra officer (",
               "\nLợi ích biên của từng cán bộ tăng thêm (")
        << metric_words(w, primary.metric) << ", "
        << (rec.scope.kind == TargetScope::Kind::kUnit ? w.t("the unit", "đơn vị")
                                                       : w.t("province", "toàn tỉnh"))
        << "):\n";
    int k = 0;
    for (const auto& m : rec.marginal) {
      const auto& position = spec.positions[static_cast<std::size_t>(m.position)];
      out << "  " << ++k << ". " << spec.units[static_cast<std::size_t>(position.unit)].id << "/"
          << position.id << ": " << format_value(primary.metric, m.kpi_before) << " -> "
          << format_value(primary.metric, m.kpi_after) << "\n";
    }
  }
  // Targets before and after, and the confirmation verdict.
  int unmet_before = 0, unmet_after = 0;
  for (const auto& c : rec.before.checks)
    unmet_before += !c.met;
  for (const auto& c : rec.after.checks)
    unmet_after += !c.met;
  if (w.vi) {
    out << "\nXác nhận: với biên chế hiện tại, " << unmet_before << " trên "
        << rec.before.checks.size() << " lần kiểm tra chỉ tiêu không đạt; với biên chế đề xuất, "
        << unmet_after << " không đạt" << (rec.confirmed ? " — mọi chỉ tiêu đều đạt.\n" : ".\n");
  } else {
    out << "\nConfirmation: with the current staffing " << unmet_before << " of "
        << rec.before.checks.size() << " target checks fail; with the recommended staffing "
        << unmet_after << " fail" << (rec.confirmed ? " — every target is met.\n" : ".\n");
  }
  for (const auto& c : rec.after.checks) {
    if (c.met) continue;
    out << w.t("  NOT met: ", "  CHƯA đạt: ") << c.scope << " " << target_words(w, c.target)
        << w.t(" (bound ", " (cận ")
        << format_value(c.target.metric, judged_bound(c.target, c.estimate)) << ")\n";
  }
  if (rec.search_exhausted)
    out << w.t(
        "The search stopped before every target held (added officers no longer helped, "
        "or --max-added was reached): the rest of the gap is not a staffing problem, or "
        "needs more officers than allowed (see targets.csv).\n",
        "Việc tìm kiếm dừng trước khi mọi chỉ tiêu đạt (thêm cán bộ không còn cải thiện, "
        "hoặc đã tới giới hạn --max-added): phần còn thiếu không phải do biên chế, hoặc "
        "cần nhiều cán bộ hơn mức cho phép (xem targets.csv).\n");
  return out.str();
}

void write_staffing_outputs(const fs::path& folder, const model::ModelSpec& spec,
                            const StaffingRecommendation& rec, double confidence,
                            const std::string& command_line, ReportLanguage language) {
  fs::create_directories(folder);
  const Target& primary = rec.targets.front();
  write_text_atomically(folder / kStaffingCsvName, [&](std::ostream& out) {
    out << kStaffingCsvHeader << '\n';
    for (std::size_t p = 0; p < rec.current.size(); ++p) {
      const int change = rec.recommended[p] - rec.current[p];
      if (change == 0) continue;
      const auto& position = spec.positions[p];
      const std::string scope = row_scope(spec, rec, static_cast<int>(p));
      const MeanEstimate before = find_estimate(rec.before, scope, primary.metric);
      const MeanEstimate after = find_estimate(rec.after, scope, primary.metric);
      out << csv_field(spec.units[static_cast<std::size_t>(position.unit)].id) << ','
          << csv_field(position.id) << ',' << rec.current[p] << ',' << rec.recommended[p] << ','
          << change << ',' << csv_number(before.mean) << ',' << csv_number(after.mean) << ','
          << csv_number(after.ci_low) << ',' << csv_number(after.ci_high) << ',' << csv_field(scope)
          << ',' << model::metric_name(primary.metric) << '\n';
    }
  });
  write_text_atomically(folder / "targets.csv", [&](std::ostream& out) {
    out << kTargetsCsvHeader << '\n';
    for (std::size_t i = 0; i < rec.after.checks.size(); ++i) {
      const auto& a = rec.after.checks[i];
      const auto& b = rec.before.checks[i];
      out << csv_field(a.scope) << ',' << csv_field(describe(a.target)) << ','
          << csv_number(b.estimate.mean) << ',' << csv_number(b.estimate.ci_low) << ','
          << csv_number(b.estimate.ci_high) << ',' << csv_number(a.estimate.mean) << ','
          << csv_number(a.estimate.ci_low) << ',' << csv_number(a.estimate.ci_high) << ','
          << (b.met ? "true" : "false") << ',' << (a.met ? "true" : "false") << '\n';
    }
  });
  if (!rec.marginal.empty()) {
    write_text_atomically(folder / "marginal.csv", [&](std::ostream& out) {
      out << "order,unit,position,kpi_metric,kpi_before,kpi_after,gain,gain_ci_low,gain_ci_high\n";
      int k = 0;
      for (const auto& m : rec.marginal) {
        const auto& position = spec.positions[static_cast<std::size_t>(m.position)];
        out << ++k << ',' << csv_field(spec.units[static_cast<std::size_t>(position.unit)].id)
            << ',' << csv_field(position.id) << ',' << model::metric_name(primary.metric) << ','
            << csv_number(m.kpi_before) << ',' << csv_number(m.kpi_after) << ','
            << csv_number(m.gain) << ',' << csv_number(m.gain_low) << ',' << csv_number(m.gain_high)
            << '\n';
      }
    });
  }
  write_text_atomically(folder / "summary.txt", [&](std::ostream& out) {
    out << staffing_summary_text(spec, rec, confidence, language);
  });
  write_staffing_workbook(folder / kResultsWorkbookName, spec, rec, confidence);
  // The confirmation runs, readable by `twotier report` like any run.
  for (const auto& [name, evaluation] :
       {std::pair<const char*, const StaffingEvaluation*>{"current", &rec.before},
        std::pair<const char*, const StaffingEvaluation*>{"recommended", &rec.after}}) {
    model::ModelSpec staffed = spec;
    for (std::size_t p = 0; p < staffed.positions.size(); ++p)
      staffed.positions[p].officers = evaluation->officers[p];
    RunMetadata metadata = describe_run(staffed);
    metadata.command_line = command_line;
    metadata.replications = static_cast<int>(evaluation->replications.size());
    metadata.first_replication = evaluation->first_replication;
    metadata.confidence = confidence;
    write_run_outputs(folder / name, metadata, evaluation->replications);
  }
}

}  // namespace twotier::analysis
