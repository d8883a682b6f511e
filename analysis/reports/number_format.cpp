// Number formatting of the report (see number_format.hpp).
#include "analysis/reports/number_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace twotier::analysis {

std::string format_number(double v, int decimals, const NumberStyle& style) {
  if (std::isnan(v)) return "–";
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  if (std::abs(v) < 1e-9) v = 0.0;  // no "-0.0" from rounding noise
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(v));
  std::string digits = buffer;
  const std::size_t dot = digits.find('.');
  std::string whole = digits.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : digits.substr(dot + 1);
  const char group = style.vietnamese ? '.' : ',';
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped += whole[i];
  }
  bool zero = true;
  for (char c : digits)
    zero = zero && (c == '0' || c == '.');
  std::string out = v < 0 && !zero ? "−" : "";
  out += grouped;
  if (!fraction.empty()) out += (style.vietnamese ? ',' : '.') + fraction;
  return out;
}

std::string format_value(double v, ValueKind kind, const NumberStyle& style, int decimals,
                         bool sign) {
  if (std::isnan(v)) return "–";
  if (std::abs(v) < 1e-12) v = 0.0;
  std::string text;
  switch (kind) {
    case ValueKind::kPercent:
      text = format_number(100.0 * v, decimals < 0 ? 1 : decimals, style) + "%";
      break;
    case ValueKind::kPoints:
      text = format_number(100.0 * v, decimals < 0 ? 1 : decimals, style) +
             (style.vietnamese ? " điểm %" : " pts");
      break;
    case ValueKind::kNumber: {
      const double a = std::abs(v);
      const int places = decimals >= 0 ? decimals : a >= 100 ? 0 : a >= 10 ? 1 : 2;
      text = format_number(v, places, style);
      break;
    }
  }
  if (sign && text.rfind("−", 0) != 0 && text.rfind("–", 0) != 0) {
    bool zero = true;
    for (char c : text)
      zero = zero && !(c >= '1' && c <= '9');
    if (!zero) text = "+" + text;
  }
  return text;
}

std::string format_date(const std::string& iso, const NumberStyle& style) {
  if (!style.vietnamese || iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

int tick_decimals(double step) {
  if (!(step > 0) || step >= 1) return 0;
  int places = 0;
  double s = step;
  while (places < 6 && std::abs(s - std::round(s)) > 1e-6 * std::max(1.0, s)) {
    s *= 10;
    ++places;
  }
  return places;
}

}  // namespace twotier::analysis
