// The HTML report of experiment folders: `staff`, `compare`, `sweep` and `delegation`
// (html_report_parts.hpp). Apart from html_report.cpp, which reports a run folder.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

#include "analysis/reports/html_report_parts.hpp"
#include "analysis/reports/svg_chart.hpp"
#include "analysis/results/csv_records.hpp"
#include "analysis/statistics/summary.hpp"  // is_fraction_metric

namespace twotier::analysis::report_parts {

namespace fs = std::filesystem;

std::string compare_body(const Labels& l, const fs::path& folder) {
  const auto csv = read_csv_file(folder / "comparison.csv");
  std::ostringstream body;
  std::vector<std::string> metrics;
  for (std::size_t r = 0; r < csv->rows.size(); ++r)
    if (csv->field(r, "scope") == "province" &&
        std::find(metrics.begin(), metrics.end(), csv->field(r, "metric")) == metrics.end())
      metrics.push_back(csv->field(r, "metric"));
  std::ostringstream plots;
  for (const auto& metric : metrics) {
    if (std::find(kHeadlineMetrics.begin(), kHeadlineMetrics.end(), metric) ==
        kHeadlineMetrics.end())
      continue;
    std::vector<IntervalRow> rows;
    for (std::size_t r = 0; r < csv->rows.size(); ++r) {
      if (csv->field(r, "scope") != "province" || csv->field(r, "metric") != metric) continue;
      // The alternative's scenario name in full (the chart wraps it, never cuts it).
      rows.push_back(
          {csv->field(r, "alternative"), csv->number(r, "diff_mean"), csv->number(r, "diff_ci_low"),
           csv->number(r, "diff_ci_high"),
           csv->field(r, "significant") == "true" || csv->field(r, "significant") == "1"});
    }
    plots << "<h3>" << e(metric_label(l, metric))
          << (is_rate(metric)
                  ? l.t(" (difference in percentage points)", " (chênh lệch, điểm phần trăm)")
                  : std::string())
          << "</h3>"
          << forest_plot(rows, is_rate(metric) ? ValueKind::kPoints : ValueKind::kNumber,
                         metric_label(l, metric), l.style());
  }
  body << section("forest",
                  l.t("Differences from the base (paired, common random numbers)",
                      "Chênh lệch so với phương án gốc (so sánh cặp)"),
                  "<p>" +
                      l.t("Each point is the mean difference alternative − base at province level "
                          "with its Bonferroni-adjusted interval; darker points are significant.",
                          "Mỗi điểm là chênh lệch trung bình (phương án − gốc) toàn tỉnh với "
                          "khoảng tin cậy hiệu chỉnh Bonferroni; điểm đậm là có ý nghĩa.") +
                      "</p>" + plots.str());
  // The columns a reader needs, so that the table fits an A4 page (comparison.csv has all).
  CsvRecords province;
  std::vector<int> columns;
  for (const char* name : {"alternative", "metric", "base_mean", "alt_mean", "diff_mean",
                           "diff_ci_low", "diff_ci_high", "significant"}) {
    if (csv->column(name) < 0) continue;
    province.header.push_back(name);
    columns.push_back(csv->column(name));
  }
  for (std::size_t r = 0; r < csv->rows.size(); ++r) {
    if (csv->field(r, "scope") != "province") continue;
    std::vector<std::string> row;
    for (const int c : columns)
      row.push_back(csv->rows[r][static_cast<std::size_t>(c)]);
    province.rows.push_back(row);
  }
  body << section("comparison-table",
                  l.t("Comparison table (province)", "Bảng so sánh (toàn tỉnh)"),
                  csv_table(l, province));
  return body.str();
}

std::string sweep_body(const Labels& l, const fs::path& folder) {
  std::ostringstream body;
  if (auto tornado = read_csv_file(folder / "tornado.csv")) {
    std::vector<TornadoRow> rows;
    double baseline = std::nan("");
    for (std::size_t r = 0; r < tornado->rows.size(); ++r) {
      rows.push_back({tornado->field(r, "factor"), tornado->number(r, "low_response"),
                      tornado->number(r, "high_response")});
      baseline = tornado->number(r, "baseline_response");
    }
    body << section(
        "tornado",
        l.t("Tornado: which lever moves the KPI most",
            "Biểu đồ lốc xoáy: đòn bẩy tác động mạnh nhất"),
        tornado_chart(rows, baseline, l.t("tornado", "lốc xoáy"), ValueKind::kNumber, l.style()) +
            csv_table(l, *tornado));
  }
  if (auto sweep = read_csv_file(folder / "sweep.csv")) {
    CsvRecords province;
    province.header = sweep->header;
    const int scope = sweep->column("scope");
    for (const auto& row : sweep->rows)
      if (scope < 0 || row[static_cast<std::size_t>(scope)] == "province")
        province.rows.push_back(row);
    body << section("sweep", l.t("Design points (province)", "Các điểm thiết kế (toàn tỉnh)"),
                    csv_table(l, province));
  }
  return body.str();
}

std::string option_label(const Labels& l, const std::string& option) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"commune", {"commune decides (decentralised)", "cấp xã quyết định (phân cấp)"}},
      {"province", {"province decides", "cấp tỉnh quyết định"}},
      {"delegated", {"commune on the province's behalf", "cấp xã được ủy quyền"}},
      {"pool", {"commune, shared pool of officers", "cấp xã, tổ cán bộ dùng chung"}},
      {"current", {"as catalogued (mixed)", "như danh mục hiện hành (hỗn hợp)"}},
  };
  // "<option>+staff" / "<option>+pool": the option with the officers following the work, or
  // forming a mobile pool.
  for (const auto& [suffix, en, vi] :
       {std::tuple{"+staff", ", officers follow the work", ", cán bộ chuyển theo công việc"},
        std::tuple{"+pool", ", officers in a mobile pool", ", cán bộ vào tổ cơ động"}}) {
    const std::string tail(suffix);
    if (option.size() > tail.size() && option.ends_with(tail))
      return option_label(l, option.substr(0, option.size() - tail.size())) + l.t(en, vi);
  }
  const auto it = names.find(option);
  return it == names.end() ? option : l.t(it->second.first, it->second.second);
}

std::string delegation_metric_label(const Labels& l, const std::string& metric) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"transfers_per_dossier", {"Transfers per dossier", "Số lần luân chuyển mỗi hồ sơ"}},
      {"transfer_days_mean", {"Days in transfer (mean)", "Số ngày luân chuyển (TB)"}},
      {"utilization_commune", {"Utilisation, commune officers", "Mức sử dụng cán bộ cấp xã"}},
      {"utilization_province", {"Utilisation, provincial officers", "Mức sử dụng cán bộ cấp tỉnh"}},
      {"province_on_time_rate", {"On-time rate, all domains", "Tỷ lệ đúng hạn, mọi lĩnh vực"}},
  };
  const auto it = names.find(metric);
  return it == names.end() ? metric_label(l, metric) : l.t(it->second.first, it->second.second);
}

std::string domain_label(const Labels& l, const std::string& domain) {
  return domain_name(l, domain);
}

// One block per domain: a table of options x KPIs (mean, interval, paired difference), a chart
// of the on-time rate per option with the target, and the officers each option needs.
std::string delegation_body(const Labels& l, const fs::path& folder) {
  const auto csv = read_csv_file(folder / "delegation.csv");
  const auto staffing = read_csv_file(folder / "delegation_staffing.csv");
  const auto costs = read_csv_file(folder / "delegation_costs.csv");  // absent in old folders
  const auto need = read_csv_file(folder / "delegation_need.csv");    // only with --need
  // (domain, option) -> its row of delegation_costs.csv.
  std::map<std::pair<std::string, std::string>, std::size_t> cost_row;
  if (costs)
    for (std::size_t r = 0; r < costs->rows.size(); ++r)
      cost_row[{costs->field(r, "domain"), costs->field(r, "option")}] = r;
  // Millions of VND: "312.4" / "312,4"; "–" when unknown.
  auto millions = [&](double vnd, bool sign) {
    if (std::isnan(vnd)) return std::string("–");
    if (std::isinf(vnd)) return l.t("unbounded", "không giới hạn");
    return format_value(vnd / 1.0e6, ValueKind::kNumber, l.style(), 1, sign);
  };
  std::vector<std::string> domains;
  for (std::size_t r = 0; r < csv->rows.size(); ++r)
    if (std::find(domains.begin(), domains.end(), csv->field(r, "domain")) == domains.end())
      domains.push_back(csv->field(r, "domain"));
  double target = std::nan("");
  if (staffing && !staffing->rows.empty()) {
    const std::string text = staffing->field(0, "target");
    const std::size_t at = text.find(">=");
    if (text.starts_with("on_time_rate") && at != std::string::npos)
      target = std::strtod(text.c_str() + at + 2, nullptr);
  }
  std::ostringstream body;
  body << "<p>"
       << l.t("Each option is simulated with the same random numbers as the scenario as it is "
              "(the reference, marked “now”); Δ is the paired difference option − reference with "
              "its Bonferroni-adjusted interval, * when it excludes 0.",
              "Mỗi phương án được mô phỏng với cùng dãy số ngẫu nhiên như kịch bản hiện tại "
              "(phương án tham chiếu, ghi “hiện tại”); Δ là chênh lệch cặp phương án − tham chiếu "
              "với khoảng tin cậy hiệu chỉnh Bonferroni, * khi khoảng không chứa 0.")
       << "</p>";
  const std::vector<std::string> metrics = {"on_time_rate",          "processing_workdays_mean",
                                            "transfers_per_dossier", "utilization_commune",
                                            "utilization_province",  "province_on_time_rate"};
  for (const auto& domain : domains) {
    std::vector<std::string> options;
    std::map<std::pair<std::string, std::string>, std::size_t> row_of;  // (option, metric)
    for (std::size_t r = 0; r < csv->rows.size(); ++r) {
      if (csv->field(r, "domain") != domain) continue;
      const std::string option = csv->field(r, "option");
      if (std::find(options.begin(), options.end(), option) == options.end())
        options.push_back(option);
      row_of[{option, csv->field(r, "metric")}] = r;
    }
    std::vector<std::string> header = {l.t("Option", "Phương án")};
    if (costs) {
      // The officers an option adds (a pool of new officers) or moves, in the table itself.
      header.push_back(l.t("Officers added / moved", "Cán bộ tăng thêm / điều chuyển"));
      header.push_back(l.t("Cost a year (million VND)", "Chi phí mỗi năm (triệu đồng)"));
      header.push_back(
          l.t("Cost per point gained (million VND)", "Chi phí mỗi điểm % tăng thêm (triệu đồng)"));
    }
    for (const auto& m : metrics) {
      header.push_back(delegation_metric_label(l, m));
      header.push_back("Δ");
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<IntervalRow> chart;
    for (const auto& option : options) {
      bool current = false;
      std::vector<std::string> row = {""};
      if (costs) {
        const auto c = cost_row.find({domain, option});
        if (c == cost_row.end()) {
          row.insert(row.end(), {"–", "–", "–"});
        } else {
          const std::size_t r = c->second;
          const int added = std::atoi(costs->field(r, "officers_added").c_str());
          const int moved = std::atoi(costs->field(r, "officers_moved").c_str());
          std::string officers;  // piece by piece (GCC 12 -Wrestrict false positive)
          if (added != 0) {
            if (added > 0) officers += '+';
            officers += l.num(added, 0);
            officers += l.t(" added", " tăng thêm");
          }
          if (moved > 0) {
            if (!officers.empty()) officers += ", ";
            officers += l.num(moved, 0);
            officers += costs->field(r, "staff") == "pool"
                            ? l.t(" moved into a mobile pool", " chuyển vào tổ cơ động")
                            : l.t(" moved with the work", " chuyển theo công việc");
          }
          row.push_back(officers.empty() ? "0" : officers);
          row.push_back(
              millions(costs->number(r, "yearly_cost_vnd"), costs->field(r, "is_current") != "1"));
          std::string per_point = millions(costs->number(r, "cost_per_point_vnd"), false);
          if (!std::isnan(costs->number(r, "cost_per_point_vnd")))
            per_point += " [" + millions(costs->number(r, "cost_per_point_low_vnd"), false) + "; " +
                         millions(costs->number(r, "cost_per_point_high_vnd"), false) + "]";
          row.push_back(per_point);
        }
      }
      for (const auto& m : metrics) {
        const auto it = row_of.find({option, m});
        if (it == row_of.end()) {
          row.insert(row.end(), {"–", ""});
          continue;
        }
        const std::size_t r = it->second;
        current = csv->field(r, "is_current") == "1";
        const bool percent = m.find("rate") != std::string::npos || m.starts_with("utilization");
        std::string cell = l.value(csv->number(r, "mean"), percent);
        if (!std::isnan(csv->number(r, "ci_low")))
          cell += " [" + l.value(csv->number(r, "ci_low"), percent) + "; " +
                  l.value(csv->number(r, "ci_high"), percent) + "]";
        row.push_back(cell);
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105329) on "+" + ...
        const double d = csv->number(r, "diff_mean");
        std::string delta;
        if (!std::isnan(d)) {
          delta += l.difference(d, percent);
          if (csv->field(r, "significant") == "1") delta += '*';
        }
        row.push_back(delta);
        if (m == "on_time_rate")
          chart.push_back({option_label(l, option), csv->number(r, "mean"),
                           csv->number(r, "ci_low"), csv->number(r, "ci_high"),
                           !std::isnan(target) && csv->number(r, "ci_low") >= target});
      }
      row[0] = option_label(l, option) + (current ? l.t(" (now)", " (hiện tại)") : "");
      rows.push_back(row);
    }
    std::ostringstream block;
    block << table(header, rows, "numbers delegation")
          << bar_interval_chart(chart, ValueKind::kPercent, target,
                                metric_label(l, "on_time_rate") + " — " + domain_name(l, domain),
                                l.style());
    if (need) {
      // The officers each option needs, confirmed by the staffing search (--need).
      std::vector<std::vector<std::string>> needs;
      std::string need_text;
      for (std::size_t r = 0; r < need->rows.size(); ++r) {
        if (need->field(r, "domain") != domain) continue;
        // "on_time_rate >= 0.95" in the reader's words: "On-time rate ≥ 95.0%".
        const std::string target = need->field(r, "need");
        const std::size_t space = target.find(' ');
        const std::string metric = target.substr(0, space);
        const bool percent = is_fraction_metric(metric);
        need_text = target;
        if (space != std::string::npos && target.size() > space + 4) {
          const std::string op = target.substr(space + 1, 2);
          need_text = metric_label(l, metric) + (op == ">=" ? " ≥ " : " ≤ ") +
                      l.value(std::strtod(target.c_str() + space + 4, nullptr), percent);
        }
        const std::string outcome = need->field(r, "outcome");
        auto kpi = [&](const char* column) {
          const std::string c(column);
          if (std::isnan(need->number(r, c))) return std::string("–");
          std::string cell = l.value(need->number(r, c), percent);
          if (!std::isnan(need->number(r, c + "_ci_low")))
            cell += " [" + l.value(need->number(r, c + "_ci_low"), percent) + "; " +
                    l.value(need->number(r, c + "_ci_high"), percent) + "]";
          return cell;
        };
        std::string where = need->field(r, "added_at");  // "unit/position+k;..."
        std::replace(where.begin(), where.end(), ';', ' ');
        std::string needed;
        if (outcome == "already_met") {
          needed = l.t("0 (met as staffed)", "0 (đã đạt với biên chế hiện có)");
        } else if (outcome == "needs") {
          needed = "+" + need->field(r, "officers_needed");
        } else if (outcome == "not_reached") {
          needed = l.t("not found within +", "không tìm được với +") +
                   need->field(r, "officers_tried") + l.t(" officers tried", " cán bộ đã thử");
        } else {
          needed = l.t("undecided", "chưa kết luận được");
        }
        needs.push_back(
            {option_label(l, need->field(r, "option")) +
                 (need->field(r, "is_current") == "1" ? l.t(" (now)", " (hiện tại)") : ""),
             needed, l.num(need->number(r, "positions_searched"), 0),
             l.num(need->number(r, "officers_now"), 0), kpi("kpi_now"),
             outcome == "needs" ? kpi("kpi_with") : "–",
             millions(need->number(r, "yearly_cost_vnd"), false), where});
      }
      block << "<h3>"
            << e(l.t("Officers each option needs (simulated, confirmed)",
                     "Số cán bộ mỗi phương án cần (mô phỏng, đã xác nhận)"))
            << "</h3><p>"
            << e(l.t("For ", "Với chỉ tiêu ") + need_text +
                 l.t(" on the domain's dossiers: the staffing search on each option (the "
                     "receiving communes' and the department's positions of the domain's "
                     "work), confirmed on fresh replications.",
                     " trên hồ sơ của lĩnh vực: tìm kiếm biên chế bằng mô phỏng trên từng "
                     "phương án (các vị trí làm công việc của lĩnh vực ở các xã tiếp nhận "
                     "và ở sở), xác nhận trên các lần lặp mới."))
            << "</p>"
            << table({l.t("Option", "Phương án"), l.t("Officers needed", "Số cán bộ cần thêm"),
                      l.t("Positions searched", "Số vị trí tìm kiếm"),
                      l.t("Officers there now", "Cán bộ hiện có ở đó"),
                      l.t("KPI as staffed", "Chỉ số với biên chế hiện có"),
                      l.t("KPI with them", "Chỉ số khi bổ sung"),
                      l.t("Cost a year (million VND)", "Chi phí mỗi năm (triệu đồng)"),
                      l.t("Where (unit/position)", "Bổ sung tại (đơn vị/vị trí)")},
                     needs, "numbers");
      if (staffing) {
        std::vector<std::vector<std::string>> officers;
        for (std::size_t r = 0; r < staffing->rows.size(); ++r) {
          if (staffing->field(r, "domain") != domain) continue;
          officers.push_back(
              {option_label(l, staffing->field(r, "option")),
               staffing->field(r, "tier") == "commune" ? l.t("commune", "cấp xã")
                                                       : l.t("province", "cấp tỉnh"),
               staffing->field(r, "officers_current"), staffing->field(r, "erlang_c_estimate"),
               staffing->field(r, "erlang_c_change"), staffing->field(r, "erlang_c_peak")});
        }
        block << "<h3>"
              << e(l.t("Erlang C estimate beside it (analytic, not simulated)",
                       "Ước lượng Erlang C để đối chiếu (giải tích, không mô phỏng)"))
              << "</h3>"
              << table({l.t("Option", "Phương án"), l.t("Tier", "Cấp"), l.t("Now", "Hiện có"),
                        l.t("Erlang C estimate", "Ước lượng Erlang C"), l.t("Change", "Chênh lệch"),
                        l.t("Estimate at the peak week", "Ước lượng ở tuần cao điểm")},
                       officers, "numbers");
      }
    } else {
      block << "<p>"
            << e(l.t("The officers each option needs were not simulated in this run: run "
                     "`twotier delegation` again with --need \"on_time_rate>=0.95\" (or "
                     "another target) to find them by the staffing search, confirmed on fresh "
                     "replications.",
                     "Số cán bộ mỗi phương án cần chưa được mô phỏng trong lần chạy này: chạy lại "
                     "`twotier delegation` với --need \"on_time_rate>=0.95\" (hoặc chỉ tiêu "
                     "khác) để tìm bằng mô phỏng biên chế, xác nhận trên các lần lặp mới."))
            << "</p>";
    }
    body << section("delegation-" + domain, l.t("Domain: ", "Lĩnh vực: ") + domain_label(l, domain),
                    block.str());
  }
  const std::string notes = read_text(folder / "delegation_notes.txt");
  if (!notes.empty()) {
    body << section(
        "delegation-notes",
        l.t("Method and options left out", "Phương pháp và các phương án không áp dụng được"),
        "<pre>" + e(notes) + "</pre>");
  }
  return section("delegation", l.t("Delegation options", "Các phương án phân cấp, ủy quyền"),
                 body.str());
}

}  // namespace twotier::analysis::report_parts
