// The relative arrival-rate shape of each ProfileSpec over the run, as hourly pieces.
//
// shape(t) = week[hour of week] * month[month] * (1 + yearly_trend)^(years since trend_base)
// * product of the surge factors whose dates contain t (seasons that follow movable dates,
// e.g. Tet, are expanded into dated surges by the loader); dimensionless with long-run mean
// about 1, so intensity = per_day / 86400 * shape(t) arrivals per second. Pieces follow the
// epoch's clock hours over [start, end]. Immutable once built: one set may be shared by all
// replications of a ModelSpec.
#pragma once

#include <vector>

#include "models/spec.hpp"
#include "sim/nhpp.hpp"

namespace twotier::model {

// One shape per ModelSpec::profiles entry, in the same order. Cost: O(hours of the run) each.
std::vector<sim::PiecewiseConstantRate> build_arrival_shapes(const ModelSpec& spec);

// The shape value of `profile` at the hour starting at `hour_start` (exposed for tests).
double profile_shape_at(const ModelSpec& spec, const ProfileSpec& profile, sim::Instant hour_start);

}  // namespace twotier::model
