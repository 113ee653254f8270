#pragma once
// Loss coefficient of a thin perforated plate or grille with free-area ratio
// f (open area / total area), Idelchik, Handbook of Hydraulic Resistance,
// diagram 8-1: K = [(1 - f) + 0.707 (1 - f)^0.375]^2 / f^2, referred to the
// approach velocity over the whole vent.

namespace rt {

double perforated_plate_loss(double free_area_ratio);

}  // namespace rt
