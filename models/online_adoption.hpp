// Channel choice with online adoption over time (AdoptionSpec in models/lever_spec.hpp):
// for a procedure that can be filed online, the online share at time t follows the S-curve;
// the rest splits in the catalogue's in-person/post ratio. Without adoption, or for a
// procedure the catalogue never files online, the catalogue mix applies unchanged.
// Immutable after construction; draw() allocates nothing.
#pragma once

#include <vector>

#include "models/spec.hpp"
#include "sim/random.hpp"

namespace twotier::model {

class OnlineAdoption {
 public:
  explicit OnlineAdoption(const ModelSpec& spec);
  bool enabled() const { return enabled_; }
  // The online share of an eligible procedure at t.
  double share(sim::Instant t) const;
  // Draws the channel of a dossier of `procedure` filed at t (two uniforms from `rng`).
  // REQUIRES: enabled()
  Channel draw(int procedure, sim::Instant t, sim::RandomStream& rng) const;

 private:
  double logistic(sim::Instant t) const;
  // Constant after construction.
  bool enabled_ = false;
  AdoptionSpec curve_;
  double scale_seconds_ = 1.0;
  double at_start_ = 0.0;  // logistic at the start and target dates (the curve is rescaled)
  double at_end_ = 1.0;
  std::vector<char> eligible_;     // per procedure
  std::vector<double> in_person_;  // per procedure: in-person share of the offline part
};

}  // namespace twotier::model
