#include "scenarios/model/perforated_plate.hpp"

#include <cmath>
#include <stdexcept>

namespace rt {

double perforated_plate_loss(double f) {
  if (!(f > 0.0 && f <= 1.0)) throw std::invalid_argument("free-area ratio must be in (0, 1]");
  const double closed = 1.0 - f;
  const double root = closed + 0.707 * std::pow(closed, 0.375);
  return root * root / (f * f);
}

}  // namespace rt
