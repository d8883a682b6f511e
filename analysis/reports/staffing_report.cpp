// Staffing outputs (see staffing_report.hpp).
#include "analysis/reports/staffing_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "analysis/reports/experiment_workbooks.hpp"
#include "analysis/reports/html_report_parts.hpp"  // metric_label
#include "analysis/reports/report_labels.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/run_outputs.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/costs.hpp"
#include "models/focus.hpp"

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
  if (rec.scope.kind == TargetScope::Kind::kDomain) return scope_text(rec.scope, spec);
  if (unit.tier() == model::Tier::kCommune) return "unit:" + unit.id;
  if (rec.scope.kind == TargetScope::Kind::kUnit)
    return "unit:" + spec.units[static_cast<std::size_t>(rec.scope.unit)].id;
  return "province";
}

// The summary's words in English or Vietnamese, and numbers as readers of that language write
// them (report_labels.hpp: "95.8%" / "95,8%", "1,234.5" / "1.234,5").
struct Words {
  bool vi = false;
  Labels l{vi};
  const char* t(const char* en, const char* vi_text) const { return vi ? vi_text : en; }
};

std::string format_value(const Words& w, model::Metric metric, double value) {
  if (std::isnan(value)) return w.t("n/a", "không rõ");
  if (is_fraction_metric(model::metric_name(metric))) return w.l.pct(value, 1);
  return w.l.num(value, std::abs(value) >= 100 ? 0 : std::abs(value) >= 1 ? 1 : 3);
}

// "95%" / "95%"; the look level keeps two decimals ("98.75%" / "98,75%").
std::string level_text(const Words& w, double confidence, int decimals = 0) {
  return w.l.pct(confidence, decimals);
}

std::string interval(const Words& w, model::Metric metric, const MeanEstimate& e,
                     double confidence) {
  const std::string bounds =
      format_value(w, metric, e.ci_low) + "–" + format_value(w, metric, e.ci_high);
  return w.vi ? "KTC " + level_text(w, confidence) + " " + bounds
              : level_text(w, confidence) + " CI " + bounds;
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
    case model::Metric::kWaitOfficerDaysMean:
      return w.t("mean wait for an officer (days)", "thời gian chờ cán bộ trung bình (ngày)");
    default:
      // The report's label ("Processing time (working days, mean)"), else the metric's id.
      return report_parts::metric_label(w.l, model::metric_name(metric));
  }
}

std::string target_words(const Words& w, const Target& t) {
  return metric_words(w, t.metric) + (t.sense == TargetSense::kAtLeast ? " ≥ " : " ≤ ") +
         format_value(w, t.metric, t.value);
}

// "Xã Phú Hòa (phu_hoa)" in English (the id is what --scope takes); the name alone in
// Vietnamese, the language of the request a commune attaches.
std::string unit_title(const Words& w, const model::ModelSpec& spec, int unit) {
  const auto& u = spec.units[static_cast<std::size_t>(unit)];
  return w.vi ? u.name : u.name + " (" + u.id + ")";
}

// A position by name (report_labels.hpp: the job framework's names), never its id.
std::string position_words(const Words& w, const model::ModelSpec& spec, int position) {
  return position_label(w.l, spec.positions[static_cast<std::size_t>(position)].id);
}

// "1 more one-stop desk officer and 2 more land officers at Sở Tài nguyên".
// Vietnamese: "thêm 1 cán bộ bộ phận một cửa và thêm 2 cán bộ đất đai tại Sở Tài nguyên".
std::string change_words(const Words& w, const model::ModelSpec& spec,
                         const std::vector<std::pair<int, int>>& changes, bool more) {
  std::string text;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto [p, n] = changes[i];
    if (i > 0) text += i + 1 == changes.size() ? w.t(" and ", " và ") : ", ";
    const auto& position = spec.positions[static_cast<std::size_t>(p)];
    const auto& unit = spec.units[static_cast<std::size_t>(position.unit)];
    if (w.vi) {
      text += std::string(more ? "thêm " : "bớt ") + std::to_string(std::abs(n)) + " cán bộ " +
              position_words(w, spec, p);
    } else {
      text += std::to_string(std::abs(n)) + (more ? " more " : " fewer ") +
              position_words(w, spec, p) + (std::abs(n) == 1 ? " officer" : " officers");
    }
    if (unit.tier() == model::Tier::kProvince) text += w.t(" at ", " tại ") + unit.name;
  }
  return text;
}

// "312.4 million VND" / "312,4 triệu đồng"; "n/a" for NaN.
std::string money(const Words& w, double vnd) {
  if (std::isnan(vnd)) return w.t("n/a", "không rõ");
  if (std::isinf(vnd)) return w.t("unbounded", "không giới hạn");
  return format_number(vnd / 1.0e6, 1, w.l.style()) + w.t(" million VND", " triệu đồng");
}

// "2,340,000 VND" / "2.340.000 đồng".
std::string whole_money(const Words& w, double vnd) {
  return format_number(vnd, 0, w.l.style()) + w.t(" VND", " đồng");
}

// "+12.1" / "+12,1".
std::string signed_number(const Words& w, double value) {
  return format_value(value, ValueKind::kNumber, w.l.style(), 1, true);
}

// "gain +12.1 points (95% CI +10.2 to +14.0); yearly cost 312.4 million VND, 25.8 million VND
// per point (95% CI 22.3 to 30.6 million VND)".
std::string effect_words(const Words& w, const model::ModelSpec& spec, const Target& target,
                         const StaffingEffect& effect, double confidence) {
  const bool rate = is_fraction_metric(model::metric_name(target.metric));
  const std::string level = level_text(w, confidence);
  std::string text = w.t("gain ", "cải thiện ") + signed_number(w, effect.gain) +
                     (rate ? w.t(" points", " điểm phần trăm") : std::string()) + " (" +
                     (w.vi ? "KTC " + level + " " : level + " CI ") +
                     signed_number(w, effect.gain_low) + w.t(" to ", " đến ") +
                     signed_number(w, effect.gain_high) + ")";
  if (!model::has_costs(spec)) {
    return text + w.t("; cost: the scenario has no salary table ([costs])",
                      "; chi phí: kịch bản chưa có bảng lương ([costs])");
  }
  text += w.t("; yearly cost ", "; chi phí mỗi năm ") + money(w, effect.yearly_cost);
  if (!std::isnan(effect.per_point.value)) {
    text += ", " + money(w, effect.per_point.value) +
            (rate ? w.t(" per point", " cho mỗi điểm phần trăm")
                  : w.t(" per unit gained", " cho mỗi đơn vị cải thiện")) +
            " (" + (w.vi ? "KTC " + level : level + " CI") + ": " + money(w, effect.per_point.low) +
            w.t(" to ", " đến ") + money(w, effect.per_point.high) + ")";
  }
  return text;
}

const TargetGroup* group_of(const std::vector<TargetGroup>& groups, const std::string& scope) {
  for (const auto& g : groups)
    if (g.scope == scope) return &g;
  return nullptr;
}

// The changes `to` makes against rec.current over a group's positions: (position, change).
std::vector<std::pair<int, int>> group_changes(const StaffingRecommendation& rec,
                                               const std::vector<int>& to, const TargetGroup& group,
                                               bool more) {
  std::vector<std::pair<int, int>> changes;
  for (int p : group.positions) {
    const int change = to[static_cast<std::size_t>(p)] - rec.current[static_cast<std::size_t>(p)];
    if (more ? change > 0 : change < 0) changes.emplace_back(p, change);
  }
  return changes;
}

std::string scope_title(const model::ModelSpec& spec, const Words& w, const std::string& scope) {
  if (scope.starts_with("unit:")) {
    for (std::size_t u = 0; u < spec.units.size(); ++u)
      if ("unit:" + spec.units[u].id == scope) return unit_title(w, spec, static_cast<int>(u));
  }
  return std::string(w.t("The province", "Toàn tỉnh"));
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
  if (spec.focus.unit >= 0) out << model::focus_note(spec, w.vi) << "\n";
  out << w.t("Targets: ", "Chỉ tiêu: ");
  for (std::size_t i = 0; i < rec.targets.size(); ++i)
    out << (i ? ", " : "") << target_words(w, rec.targets[i]);
  const char* scope_words =
      rec.scope.kind == TargetScope::Kind::kProvince ? w.t("the province as a whole", "toàn tỉnh")
      : rec.scope.kind == TargetScope::Kind::kUnit   ? w.t("one unit", "một đơn vị")
      : rec.scope.kind == TargetScope::Kind::kDomain
          ? w.t("one domain's dossiers, province-wide", "hồ sơ của một lĩnh vực, toàn tỉnh")
          : w.t("every commune-level unit", "từng đơn vị cấp xã");
  const std::string level = level_text(w, confidence);
  const std::string look = level_text(w, rec.look_confidence, 2);
  if (w.vi) {
    out << " — đo trên " << scope_words << ". Kết luận (đạt / không đạt) chỉ được đưa ra khi "
        << "khoảng tin cậy nằm hẳn về một phía của chỉ tiêu (tăng dần số lần lặp, tối đa "
        << rec.max_replications << " lần, mỗi lần xem xét ở mức " << look << " để mức tin cậy "
        << "chung là " << level << "); nếu không thì là \"chưa kết luận được\".\n";
  } else {
    out << " — measured on " << scope_words << ". A verdict (met / not met) is given only when "
        << "the confidence interval lies clear of the target on one side (replications added "
        << "in blocks up to " << rec.max_replications << ", each look at " << look
        << " so that the verdicts hold at " << level << " overall); otherwise it is "
        << "\"undecided\".\n";
  }
  if (rec.by) {
    out << w.t("Deadline: the targets must hold at the end of ",
               "Thời hạn: chỉ tiêu phải đạt vào cuối ngày ")
        << w.l.date(sim::to_string(*rec.by)) << ".\n";
  }
  const std::size_t first = rec.after.first_replication;
  const std::size_t last = first + rec.after.replications.size() - 1;
  if (w.vi) {
    out << "Tìm kiếm: " << rec.evaluations << " lần mô phỏng (cùng dãy số ngẫu nhiên), "
        << std::lround(rec.wall_seconds) << " giây; xác nhận trên các lần lặp mới " << first << "–"
        << last << ".\n\n";
  } else {
    out << "Search: " << rec.evaluations << " simulations (common random numbers), "
        << std::lround(rec.wall_seconds) << " s; confirmed on fresh replications " << first << "–"
        << last << ".\n\n";
  }

  const std::vector<TargetGroup> groups = target_groups(spec, rec.scope);
  const bool temporary = rec.mode == StaffingRecommendation::Mode::kByDate;
  const bool budget = rec.mode == StaffingRecommendation::Mode::kBudget;
  std::vector<std::string> already_met, undecided;
  int needing = 0;
  double total_cost = 0.0;
  int total_added = 0, total_removed = 0;
  for (const GroupResult& g : rec.groups) {
    const TargetGroup* group = group_of(groups, g.scope);
    if (!group) continue;
    const MeanEstimate before = find_estimate(rec.before, g.scope, primary.metric);
    const std::string title = scope_title(spec, w, g.scope);
    const std::string before_text = format_value(w, primary.metric, before.mean) + " (" +
                                    interval(w, primary.metric, before, confidence) + ")";
    if (g.outcome == GroupOutcome::kAlreadyMet || g.outcome == GroupOutcome::kUndecided) {
      (g.outcome == GroupOutcome::kAlreadyMet ? already_met : undecided)
          .push_back(title + ": " + metric_words(w, primary.metric) + " " + before_text);
      if (!g.trimmed) continue;
    }
    const bool confirmed_change = g.outcome == GroupOutcome::kNeeds || budget || g.trimmed;
    const std::vector<int>& to = confirmed_change ? rec.recommended : rec.found;
    const StaffingEvaluation& to_eval = confirmed_change ? rec.after : rec.best;
    const auto added = group_changes(rec, to, *group, true);
    const auto removed = group_changes(rec, to, *group, false);
    const StaffingEffect effect = staffing_effect(spec, rec, to, to_eval, *group, confidence);
    const MeanEstimate after = find_estimate(to_eval, g.scope, primary.metric);
    const std::string after_text = format_value(w, primary.metric, before.mean) + " → " +
                                   format_value(w, primary.metric, after.mean) + " (" +
                                   interval(w, primary.metric, after, confidence) + ")";
    if (g.outcome == GroupOutcome::kNeeds || (budget && !added.empty())) {
      ++needing;
      total_cost += effect.yearly_cost;
      total_added += effect.added;
      out << title
          << (temporary ? w.t(" needs temporarily ", " cần tạm thời ")
              : budget  ? w.t(" gets ", " được bổ sung ")
                        : w.t(" needs ", " cần "))
          << change_words(w, spec, added, true);
      if (!budget) out << w.t(" to reach ", " để đạt ") << target_words(w, primary);
      out << w.t(", confirmed on fresh replications: ", ", đã xác nhận trên các lần lặp mới: ")
          << metric_words(w, primary.metric) << " " << after_text << "; "
          << effect_words(w, spec, primary, effect, confidence) << ".\n";
    } else if (g.outcome == GroupOutcome::kNotReached) {
      out << title << w.t(": the target was not reached", ": chưa đạt được chỉ tiêu") << " ("
          << metric_words(w, primary.metric) << " " << before_text << w.t(" now", " hiện tại")
          << "); ";
      if (added.empty() && g.search_verdict != Verdict::kNotMet) {
        // The search's replications left the current staffing met or undecided, so it was not
        // searched; only the confirmation's fresh replications show it missing.
        out << w.t(
            "it was not searched: the search's replications did not show it missing "
            "(a higher --max-reps may decide).\n",
            "chưa tìm phương án: các lần lặp của bước tìm kiếm chưa cho thấy đơn vị "
            "không đạt (tăng --max-reps có thể kết luận được).\n");
      } else if (added.empty()) {
        out << w.t("no added officer moved it enough.\n", "thêm cán bộ không cải thiện đủ.\n");
      } else {
        out << w.t("best found: ", "phương án tốt nhất tìm được: ")
            << change_words(w, spec, added, true) << ", " << metric_words(w, primary.metric) << " "
            << after_text << "; " << effect_words(w, spec, primary, effect, confidence)
            << w.t(" — not a recommendation", " — không phải là đề xuất");
        if (g.found == Verdict::kUndecided) {
          out << w.t(" (undecided after ", " (chưa kết luận được sau ") << g.replications
              << w.t(" replications: a higher --max-reps may confirm it)",
                     " lần lặp: tăng --max-reps có thể xác nhận được)");
        }
        out << ".\n";
      }
    } else if (g.trimmed) {
      total_cost += effect.yearly_cost;
      total_removed += effect.removed;
      out << title << w.t(" could do with ", " có thể bớt ")
          << change_words(w, spec, removed, false)
          << w.t(" (--trim) and still meet the targets: ", " (--trim) mà vẫn đạt chỉ tiêu: ")
          << metric_words(w, primary.metric) << " " << after_text;
      if (model::has_costs(spec))
        out << w.t("; yearly saving ", "; tiết kiệm mỗi năm ") << money(w, -effect.yearly_cost);
      out << ".\n";
    }
  }
  if (!already_met.empty()) {
    out << (needing ? "\n" : "");
    if (already_met.size() <= 3) {
      for (const auto& line : already_met)
        out << line
            << w.t(" — already meets the targets: nothing is needed.\n",
                   " — đã đạt chỉ tiêu: không cần bổ sung.\n");
    } else {
      out << already_met.size()
          << w.t(" units already meet the targets with their current staffing: nothing is "
                 "needed there.\n",
                 " đơn vị đã đạt chỉ tiêu với biên chế hiện tại: không cần bổ sung.\n");
    }
  }
  if (!undecided.empty()) {
    out << w.t("\nUndecided (the interval still straddles the target after ",
               "\nChưa kết luận được (khoảng tin cậy vẫn chứa chỉ tiêu sau ")
        << rec.max_replications
        << w.t(" replications; nothing is recommended, a higher --max-reps may decide):\n",
               " lần lặp; không đề xuất gì, có thể tăng --max-reps):\n");
    for (const auto& line : undecided)
      out << "  " << line << "\n";
  }
  if (needing == 0 && total_removed == 0)
    out << w.t("\nNo change of staffing is recommended.\n", "\nKhông đề xuất thay đổi biên chế.\n");
  if (needing > 0 || total_removed > 0) {
    out << w.t("\nIn total: ", "\nTổng cộng: ") << "+" << total_added;
    if (total_removed > 0) out << " −" << total_removed;
    out << (total_added + total_removed == 1 ? w.t(" officer", " cán bộ")
                                             : w.t(" officers", " cán bộ"));
    if (model::has_costs(spec)) {
      out << w.t(", yearly cost ", ", chi phí mỗi năm ") << money(w, total_cost);
    }
    out << ".\n";
  }
  if (temporary && rec.officer_days > 0) {
    out << w.t("That is ", "Tức là ") << std::lround(rec.officer_days)
        << w.t(" officer-days of temporary capacity (e.g. a mobile team) until ",
               " ngày-công cán bộ tăng cường tạm thời (ví dụ một tổ công tác lưu động) đến ngày ")
        << w.l.date(sim::to_string(*rec.by)) << ".\n";
  }
  if (model::has_costs(spec)) {
    const std::string on_costs = w.l.pct(spec.costs.on_costs, 1);
    out << w.t("Costs: base salary ", "Chi phí: lương cơ sở ")
        << whole_money(w, spec.costs.base_salary) << w.t(" a month (", " mỗi tháng (")
        << spec.costs.base_salary_source << ") × "
        << w.t("the position's coefficient", "hệ số của vị trí") << " × "
        << spec.costs.months_per_year
        << w.t(" months, plus on-costs ", " tháng, cộng các khoản đóng góp ") << on_costs;
    if (!spec.costs.on_costs_source.empty()) out << " (" << spec.costs.on_costs_source << ")";
    out << ".\n";
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
      out << "  " << ++k << ". " << unit_title(w, spec, position.unit) << ", "
          << position_words(w, spec, m.position) << ": "
          << format_value(w, primary.metric, m.kpi_before) << " → "
          << format_value(w, primary.metric, m.kpi_after);
      const double cost = model::yearly_cost_per_officer(spec, m.position);
      if (!std::isnan(cost)) out << w.t(", yearly cost ", ", chi phí mỗi năm ") << money(w, cost);
      out << "\n";
    }
  }
  // Targets before and after, and the confirmation verdict.
  int unmet_before = 0, unmet_after = 0;
  for (const auto& c : rec.before.checks)
    unmet_before += !c.met;
  for (const auto& c : rec.after.checks)
    unmet_after += !c.met;
  if (w.vi) {
    out << "\nXác nhận (" << rec.after.replications.size() << " lần lặp): với biên chế hiện tại, "
        << unmet_before << " trên " << rec.before.checks.size()
        << " lần kiểm tra chỉ tiêu không đạt ở cận " << level << "; với biên chế đề xuất, "
        << unmet_after << " không đạt" << (rec.confirmed ? " — mọi chỉ tiêu đều đạt.\n" : ".\n");
  } else {
    out << "\nConfirmation (" << rec.after.replications.size()
        << " replications): with the current staffing " << unmet_before << " of "
        << rec.before.checks.size() << " target checks fail at the " << level
        << " bound; with the recommended staffing " << unmet_after << " fail"
        << (rec.confirmed ? " — every target is met.\n" : ".\n");
  }
  for (const auto& c : rec.after.checks) {
    if (c.met) continue;
    out << w.t("  NOT met: ", "  CHƯA đạt: ") << scope_title(spec, w, c.scope) << ", "
        << target_words(w, c.target) << w.t(" (bound ", " (cận ")
        << format_value(w, c.target.metric, judged_bound(c.target, c.estimate)) << ")\n";
  }
  if (rec.search_exhausted)
    out << w.t(
        "The search stopped before every target held (added officers no longer helped, "
        "or --max-added was reached): the rest of the gap is not a staffing problem, or "
        "needs more officers than allowed (see decisions.csv).\n",
        "Việc tìm kiếm dừng trước khi mọi chỉ tiêu đạt (thêm cán bộ không còn cải thiện, "
        "hoặc đã tới giới hạn --max-added): phần còn thiếu không phải do biên chế, hoặc "
        "cần nhiều cán bộ hơn mức cho phép (xem decisions.csv).\n");
  return out.str();
}

namespace {

std::string toml_string(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

void write_recommended_scenario(const fs::path& folder, const model::ModelSpec& spec,
                                const std::vector<int>& officers, const std::string& command_line) {
  fs::create_directories(folder);
  write_text_atomically(folder / kRecommendedPositionsName, [&](std::ostream& out) {
    out << "unit,position,officers,skills,dossier_share,secondary_skills,required\n";
    const std::size_t n = spec.table_positions > 0 ? spec.table_positions : spec.positions.size();
    for (std::size_t p = 0; p < n && p < officers.size(); ++p) {
      const auto& position = spec.positions[p];
      std::string skills, secondary;
      for (int k : position.skills)
        skills += (skills.empty() ? "" : ";") + spec.skills[static_cast<std::size_t>(k)];
      for (const auto& extra : position.secondary_skills)
        secondary += (secondary.empty() ? "" : ";") +
                     spec.skills[static_cast<std::size_t>(extra.skill)] + ":" +
                     csv_number(extra.proficiency);
      out << csv_field(spec.units[static_cast<std::size_t>(position.unit)].id) << ','
          << csv_field(position.id) << ',' << officers[p] << ',' << csv_field(skills) << ','
          << csv_number(position.dossier_share) << ',' << csv_field(secondary) << ','
          << (position.required ? "true" : "false") << '\n';
    }
  });
  std::error_code ec;
  fs::path parent = fs::absolute(spec.scenario_file, ec);
  const fs::path relative = fs::relative(parent, fs::absolute(folder, ec), ec);
  if (!ec && !relative.empty()) parent = relative;
  write_text_atomically(folder / kRecommendedScenarioName, [&](std::ostream& out) {
    out << "# Written by `" << command_line << "`:\n"
        << "# the scenario it read, with the recommended officers per unit and position\n"
        << "# (positions.csv beside this file). `twotier run` and `twotier compare` take it:\n"
        << "#   twotier compare " << spec.scenario_file << " "
        << (folder / kRecommendedScenarioName).generic_string() << "\n"
        << "# --set values other than positions (demand, horizon, ...) given to `staff` are not\n"
        << "# repeated here: give them again.\n"
        << "extends = " << toml_string(parent.generic_string()) << "\n\n"
        << "[scenario]\nname = " << toml_string(spec.name + " (recommended staffing)") << "\n\n"
        << "[tables]\npositions = " << toml_string(kRecommendedPositionsName) << "\n";
  });
}

void write_staffing_outputs(const fs::path& folder, const model::ModelSpec& spec,
                            const StaffingRecommendation& rec, double confidence,
                            const std::string& command_line, ReportLanguage language) {
  fs::create_directories(folder);
  const Target& primary = rec.targets.front();
  const std::vector<TargetGroup> groups = target_groups(spec, rec.scope);
  // Per position: the group whose verdict decides it and that group's result.
  auto result_of = [&](int p) -> const GroupResult* {
    for (const GroupResult& g : rec.groups) {
      const TargetGroup* group = group_of(groups, g.scope);
      if (group &&
          std::find(group->positions.begin(), group->positions.end(), p) != group->positions.end())
        return &g;
    }
    return nullptr;
  };
  write_text_atomically(folder / kStaffingCsvName, [&](std::ostream& out) {
    out << kStaffingCsvHeader << '\n';
    for (std::size_t p = 0; p < rec.current.size(); ++p) {
      const int found = rec.found.empty() ? rec.recommended[p] : rec.found[p];
      if (found == rec.current[p] && rec.recommended[p] == rec.current[p]) continue;
      const auto& position = spec.positions[p];
      const GroupResult* g = result_of(static_cast<int>(p));
      const bool applied = rec.recommended[p] != rec.current[p];
      const std::string status = applied
                                     ? (rec.recommended[p] > rec.current[p] ? "needed" : "trimmed")
                                     : (g ? outcome_name(g->outcome) : "not_reached");
      const std::string scope = g ? g->scope : row_scope(spec, rec, static_cast<int>(p));
      const StaffingEvaluation& to_eval = applied ? rec.after : rec.best;
      const MeanEstimate before = find_estimate(rec.before, scope, primary.metric);
      const MeanEstimate after = find_estimate(to_eval, scope, primary.metric);
      const double cost =
          (found - rec.current[p]) * model::yearly_cost_per_officer(spec, static_cast<int>(p));
      out << csv_field(spec.units[static_cast<std::size_t>(position.unit)].id) << ','
          << csv_field(position.id) << ',' << rec.current[p] << ',' << rec.recommended[p] << ','
          << rec.recommended[p] - rec.current[p] << ',' << found << ',' << status << ','
          << csv_number(before.mean) << ',' << csv_number(after.mean) << ','
          << csv_number(after.ci_low) << ',' << csv_number(after.ci_high) << ',' << csv_field(scope)
          << ',' << model::metric_name(primary.metric) << ',' << csv_number(cost) << '\n';
    }
  });
  write_text_atomically(folder / kDecisionsCsvName, [&](std::ostream& out) {
    out << kDecisionsCsvHeader << '\n';
    for (const GroupResult& g : rec.groups) {
      const TargetGroup* group = group_of(groups, g.scope);
      if (!group) continue;
      const bool applied = g.outcome == GroupOutcome::kNeeds || g.trimmed ||
                           rec.mode == StaffingRecommendation::Mode::kBudget;
      const std::vector<int>& to = applied ? rec.recommended : rec.found;
      const StaffingEvaluation& to_eval = applied ? rec.after : rec.best;
      const StaffingEffect effect = staffing_effect(spec, rec, to, to_eval, *group, confidence);
      const MeanEstimate before = find_estimate(rec.before, g.scope, primary.metric);
      const MeanEstimate after = find_estimate(to_eval, g.scope, primary.metric);
      out << csv_field(g.scope) << ',' << outcome_name(g.outcome) << ','
          << verdict_name(g.search_verdict) << ',' << verdict_name(g.current) << ','
          << verdict_name(g.found) << ',' << g.replications << ','
          << model::metric_name(primary.metric) << ',' << csv_number(before.mean) << ','
          << csv_number(before.ci_low) << ',' << csv_number(before.ci_high) << ','
          << csv_number(after.mean) << ',' << csv_number(after.ci_low) << ','
          << csv_number(after.ci_high) << ',' << effect.added << ',' << effect.removed << ','
          << (applied ? "true" : "false") << ',' << csv_number(effect.gain) << ','
          << csv_number(effect.gain_low) << ',' << csv_number(effect.gain_high) << ','
          << csv_number(effect.yearly_cost) << ',' << csv_number(effect.per_point.value) << ','
          << csv_number(effect.per_point.low) << ',' << csv_number(effect.per_point.high) << '\n';
    }
  });
  write_recommended_scenario(folder, spec, rec.recommended, command_line);
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
    metadata.threads = rec.threads;
    metadata.wall_seconds = rec.wall_seconds;  // the whole search's, confirmation included
    write_run_outputs(folder / name, metadata, evaluation->replications);
  }
}

}  // namespace twotier::analysis
