#include "models/online_adoption.hpp"

#include <cmath>

namespace twotier::model {

OnlineAdoption::OnlineAdoption(const ModelSpec& spec)
    : enabled_(spec.levers.online.enabled), curve_(spec.levers.online) {
  // logit(0.73) = 0.995: the curve rises from 27% to 73% over steepness_days.
  scale_seconds_ = curve_.steepness_days * sim::kSecondsPerDay / (2.0 * 0.995);
  at_start_ = logistic(curve_.start);
  at_end_ = logistic(curve_.target);
  for (const ProcedureSpec& p : spec.procedures) {
    const auto& mix = p.channel_mix;
    eligible_.push_back(mix[static_cast<int>(Channel::kOnline)] > 0 ? 1 : 0);
    const double in_person = mix[static_cast<int>(Channel::kInPerson)];
    const double post = mix[static_cast<int>(Channel::kPost)];
    in_person_.push_back(in_person + post > 0 ? in_person / (in_person + post) : 1.0);
  }
}

double OnlineAdoption::logistic(sim::Instant t) const {
  return 1.0 / (1.0 + std::exp(-(t - curve_.midpoint).seconds / scale_seconds_));
}

double OnlineAdoption::share(sim::Instant t) const {
  // Flat before the start date and after the target date.
  if (t <= curve_.start) return curve_.start_share;
  if (t >= curve_.target) return curve_.target_share;
  const double span = at_end_ - at_start_;
  const double s = span > 1e-12 ? (logistic(t) - at_start_) / span : 1.0;
  return curve_.start_share + (curve_.target_share - curve_.start_share) * s;
}

Channel OnlineAdoption::draw(int procedure, sim::Instant t, sim::RandomStream& rng) const {
  const double u = rng.uniform01();
  const double v = rng.uniform01();
  if (eligible_[procedure] && u < share(t)) return Channel::kOnline;
  return v < in_person_[procedure] ? Channel::kInPerson : Channel::kPost;
}

}  // namespace twotier::model
