#include "solver/anderson_acceleration.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "solver/parallel/for_each.hpp"

namespace rt {
namespace {

// Combination coefficients beyond this mean nearly parallel differences: the
// least-squares problem has lost its information and the step would amplify
// round-off, so the history is dropped instead.
constexpr double kLargestCoefficient = 1e4;

// Steps whose weighted root-mean-square change is below this share of the
// fields are round-off: combining them only mixes noise back in (measured:
// a duct at tolerance 1e-8 stalled at 1e-8 with the steps at ~1e-16).
constexpr double kRoundoffStep = 1e-12;

std::size_t unknowns_of(const std::vector<AcceleratedField>& fields) {
  std::size_t n = 0;
  for (const AcceleratedField& f : fields) n += f.size;
  return n;
}

}  // namespace

void AndersonAcceleration::restart() {
  steps_ = 0;
  columns_ = 0;
  oldest_ = 0;
}

bool AndersonAcceleration::step(const std::vector<AcceleratedField>& fields, bool apply,
                                double residual) {
  if (depth_ <= 0 || given_up_) return false;
  if (apply) {
    window_best_ = std::min(window_best_, residual);
    if (++in_window_ == kGuardWindow) {
      if (previous_best_ < kNone && !(window_best_ <= kGuardProgress * previous_best_)) {
        given_up_ = true;
        return false;
      }
      previous_best_ = window_best_;
      window_best_ = kNone;
      in_window_ = 0;
    }
  }
  const std::size_t n = unknowns_of(fields);
  if (g_previous_.size() != n) {
    g_previous_.assign(n, 0.0);
    f_previous_.assign(n, 0.0f);
    correction_.assign(n, 0.0f);
    // All of it at once: what a run will hold is held from its first step.
    dG_.assign(static_cast<std::size_t>(depth_), std::vector<float>(n, 0.0f));
    dF_.assign(static_cast<std::size_t>(depth_), std::vector<float>(n, 0.0f));
    restart();
  }

  // Remember G(x_k) and f_k = G(x_k) - x_k, x_k = G(x_{k-1}) - correction;
  // from the third step on, the difference to the previous step too.
  int slot = -1;
  if (steps_ >= 2) {
    if (columns_ < depth_) {
      slot = (oldest_ + columns_) % depth_;
      ++columns_;
    } else {
      slot = oldest_;
      oldest_ = (oldest_ + 1) % depth_;
    }
  }
  {
    double* g_prev = g_previous_.data();
    float* f_prev = f_previous_.data();
    float* c = correction_.data();
    float* dg = slot >= 0 ? dG_[slot].data() : nullptr;
    float* df = slot >= 0 ? dF_[slot].data() : nullptr;
    const bool first = steps_ == 0;
    std::size_t offset = 0;
    for (const AcceleratedField& field : fields) {
      const double* g = field.data;
      const std::size_t o = offset;
      for_each_index(field.size, [=](std::size_t m) {
        const std::size_t i = o + m;
        if (first) {
          g_prev[i] = g[m];
          c[i] = 0.0f;
          return;
        }
        const double step_g = g[m] - g_prev[i];
        const double f = step_g + static_cast<double>(c[i]);
        c[i] = 0.0f;  // used; set again below if this step combines
        if (dg != nullptr) {
          dg[i] = static_cast<float>(step_g);
          df[i] = static_cast<float>(f - static_cast<double>(f_prev[i]));
        }
        f_prev[i] = static_cast<float>(f);
        g_prev[i] = g[m];
      });
      offset += field.size;
    }
  }
  steps_ = std::min(steps_ + 1, 2);
  if (!apply || columns_ == 0) return false;

  // Weights (AcceleratedField): temperature in kelvin and a pressure level
  // count by how much they vary, not by their offset.
  int groups = 0;
  for (const AcceleratedField& f : fields) groups = std::max(groups, f.weight_group + 1);
  std::vector<double> top(static_cast<std::size_t>(groups), -HUGE_VAL),
      bottom(static_cast<std::size_t>(groups), HUGE_VAL),
      largest(static_cast<std::size_t>(groups), 0.0);
  std::vector<bool> by_range(static_cast<std::size_t>(groups), true);
  for (const AcceleratedField& f : fields) {
    const double* g = f.data;
    const std::size_t group = static_cast<std::size_t>(f.weight_group);
    const double hi = max_over_range(f.size, [=](std::size_t m) { return g[m]; });
    const double lo = -max_over_range(f.size, [=](std::size_t m) { return -g[m]; });
    top[group] = std::max(top[group], hi);
    bottom[group] = std::min(bottom[group], lo);
    largest[group] = std::max({largest[group], std::fabs(hi), std::fabs(lo)});
    by_range[group] = by_range[group] && f.scale_by_range;
  }
  std::vector<double> scale(static_cast<std::size_t>(groups));
  for (std::size_t g = 0; g < scale.size(); ++g)
    scale[g] = by_range[g] ? top[g] - bottom[g] : largest[g];

  // Normal equations of the weighted least-squares problem, in double.
  const int q = columns_;
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(q, q);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(q);
  double f_norm2 = 0.0;
  const auto column = [&](std::vector<std::vector<float>>& d, int r) {
    return d[static_cast<std::size_t>((oldest_ + r) % depth_)].data();
  };
  std::size_t offset = 0;
  for (const AcceleratedField& field : fields) {
    const double sc = scale[static_cast<std::size_t>(field.weight_group)];
    const double w2 = sc > 0.0 ? 1.0 / (sc * sc) : 1.0;
    const std::size_t o = offset;
    const float* f = f_previous_.data() + o;
    f_norm2 += w2 * sum_over_range(field.size, [=](std::size_t m) {
                 return static_cast<double>(f[m]) * static_cast<double>(f[m]);
               });
    for (int r = 0; r < q; ++r) {
      const float* dr = column(dF_, r) + o;
      b(r) += w2 * sum_over_range(field.size, [=](std::size_t m) {
                return static_cast<double>(dr[m]) * static_cast<double>(f[m]);
              });
      for (int s = 0; s <= r; ++s) {
        const float* ds = column(dF_, s) + o;
        A(r, s) += w2 * sum_over_range(field.size, [=](std::size_t m) {
                     return static_cast<double>(dr[m]) * static_cast<double>(ds[m]);
                   });
      }
    }
    offset += field.size;
  }
  if (f_norm2 <= kRoundoffStep * kRoundoffStep * static_cast<double>(n)) return false;
  for (int r = 0; r < q; ++r)
    for (int s = 0; s < r; ++s) A(s, r) = A(r, s);
  if (!(A.trace() > 0.0)) return false;  // no step has moved anything yet
  A.diagonal().array() += 1e-12 * A.trace();
  const Eigen::VectorXd gamma = A.ldlt().solve(b);
  if (!gamma.allFinite() || gamma.cwiseAbs().maxCoeff() > kLargestCoefficient) {
    restart();
    return false;
  }

  // x_{k+1} = G(x_k) - sum gamma_r dG_r; the correction is kept as FP32 and
  // applied as kept, so that x_{k+1} = G(x_k) - correction exactly.
  std::vector<const float*> dg(static_cast<std::size_t>(q));
  std::vector<double> gam(static_cast<std::size_t>(q));
  for (int r = 0; r < q; ++r) {
    dg[static_cast<std::size_t>(r)] = column(dG_, r);
    gam[static_cast<std::size_t>(r)] = gamma(r);
  }
  const float* const* dgp = dg.data();
  const double* gp = gam.data();
  float* c = correction_.data();
  offset = 0;
  for (const AcceleratedField& field : fields) {
    double* x = field.data;
    const std::size_t o = offset;
    for_each_index(field.size, [=](std::size_t m) {
      double sum = 0.0;
      for (int r = 0; r < q; ++r) sum += gp[r] * static_cast<double>(dgp[r][o + m]);
      const float kept = static_cast<float>(sum);
      c[o + m] = kept;
      x[m] -= static_cast<double>(kept);
    });
    offset += field.size;
  }
  return true;
}

AndersonAcceleration::State AndersonAcceleration::state() const {
  State s;
  s.steps = steps_;
  s.given_up = given_up_;
  s.in_window = in_window_;
  s.window_best = window_best_;
  s.previous_best = previous_best_;
  s.g_previous = g_previous_;
  s.f_previous = f_previous_;
  s.correction = correction_;
  for (int r = 0; r < columns_; ++r) {
    const std::size_t slot = static_cast<std::size_t>((oldest_ + r) % depth_);
    s.dG.push_back(dG_[slot]);
    s.dF.push_back(dF_[slot]);
  }
  return s;
}

void AndersonAcceleration::set_state(const State& s, std::size_t unknowns) {
  const auto fail = [](const char* what) {
    throw std::invalid_argument(std::string("acceleration state: ") + what);
  };
  given_up_ = s.given_up;
  in_window_ = s.in_window;
  window_best_ = s.window_best;
  previous_best_ = s.previous_best;
  if (s.steps == 0) {
    restart();
    return;
  }
  if (s.g_previous.size() != unknowns || s.f_previous.size() != unknowns ||
      s.correction.size() != unknowns)
    fail("fields of another grid");
  if (s.dG.size() != s.dF.size() || static_cast<int>(s.dG.size()) > depth_)
    fail("more differences than this run combines");
  for (std::size_t r = 0; r < s.dG.size(); ++r)
    if (s.dG[r].size() != unknowns || s.dF[r].size() != unknowns)
      fail("a difference of another grid");
  g_previous_ = s.g_previous;
  f_previous_ = s.f_previous;
  correction_ = s.correction;
  dG_.assign(static_cast<std::size_t>(depth_), std::vector<float>(unknowns, 0.0f));
  dF_.assign(static_cast<std::size_t>(depth_), std::vector<float>(unknowns, 0.0f));
  for (std::size_t r = 0; r < s.dG.size(); ++r) {
    dG_[r] = s.dG[r];
    dF_[r] = s.dF[r];
  }
  steps_ = std::min(s.steps, 2);
  columns_ = static_cast<int>(s.dG.size());
  oldest_ = 0;
}

}  // namespace rt
