// The language switch of the HTML report's sections: every label is written in English and
// Vietnamese side by side at its point of use, and Labels picks one. Thread-safe (a value).
#pragma once

#include <string>

namespace twotier::analysis {

struct Labels {
  bool vi = false;  // Vietnamese labels; English otherwise
  std::string t(const char* en, const char* vi_text) const { return vi ? vi_text : en; }
};

}  // namespace twotier::analysis
