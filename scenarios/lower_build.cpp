// Lowering a build scenario to the generic Model. What each part becomes,
// the formulas and which values are estimates: docs/build-scenarios.md,
// "How a build becomes a model". Axes and names: lower_build.hpp.
//
// Order: domain and physics; fans on the walls (case fans, an AIO's fans,
// the PSU's exhaust), then everything inside (board, GPUs, CPU cooler, PSU,
// shroud, obstructions, drives), then the vents on the walls (card brackets,
// blank slot covers, the case's grilles) with the wall patches already taken
// cut out, so that no vent overlaps a fan or another vent; finally a check
// that no two solid or porous parts overlap.

#include "scenarios/lower_build.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "scenarios/air_properties.hpp"
#include "scenarios/perforated_plate.hpp"

namespace rt {
namespace {

constexpr double kMm = 1e-3;

// ---- materials --------------------------------------------------------------
struct Material {
  double k = 0, rho = 0, cp = 0;  // W/(m K), kg/m3, J/(kg K)
};
// Incropera, DeWitt, Bergman, Lavine, Fundamentals of Heat and Mass Transfer,
// 6th ed., Table A.1 (300 K): pure aluminium, pure copper, plain carbon steel.
constexpr Material kAluminium{237.0, 2702.0, 903.0};
constexpr Material kCopper{401.0, 8933.0, 385.0};
constexpr Material kSteel{60.5, 7854.0, 434.0};
// FR-4 glass-epoxy laminate, typical data-sheet values (through-plane k).
constexpr Material kFr4{0.29, 1850.0, 1100.0};

struct Layer {
  double thickness_m;
  Material m;
};

// A plate of layers that conducts along its plane: the layers in parallel,
// k = sum(t k) / sum(t); density by volume, specific heat by mass. Blocks are
// isotropic, and a circuit board's in-plane conductivity is what spreads
// heat; its through-plane resistance (1.6 mm at ~0.35 W/(m K), 5e-3 m2K/W)
// is small beside the air film on it (~0.1 m2K/W), so using the in-plane
// value across it changes little.
Material layered(const std::vector<Layer>& layers) {
  double t = 0, tk = 0, trho = 0, trhocp = 0;
  for (const Layer& l : layers) {
    t += l.thickness_m;
    tk += l.thickness_m * l.m.k;
    trho += l.thickness_m * l.m.rho;
    trhocp += l.thickness_m * l.m.rho * l.m.cp;
  }
  return {tk / t, trho / t, trhocp / trho};
}

// Copper foil of 1 oz/ft2 is 35 um thick (IPC-4562).
constexpr double kOzCopper_m = 35e-6;
// Motherboard: 1.6 mm, 6 copper layers [estimated: typical ATX boards have
// 6-8 layers].
constexpr int kBoardCopperLayers = 6;
// GPU board stack inside the card envelope, from its backplate face: PCB
// (1.6 mm, 12 copper layers), components, backplate [estimated, typical of
// the reference cards; 4.6 mm in all].
constexpr int kGpuCopperLayers = 12;
constexpr double kGpuPcb_m = 1.6e-3;
constexpr double kGpuBackplate_m = 1.5e-3;
constexpr double kGpuComponentGap_m = 1.5e-3;
constexpr double kGpuBoardStack_m = kGpuPcb_m + kGpuBackplate_m + kGpuComponentGap_m;
// Sheet parts (card shrouds, the PSU shroud) are 2 mm thick in the model,
// thicker than the real 0.8-1.2 mm, so that no cell has to be thinner.
constexpr double kSheet_m = 2e-3;
// A wall patch narrower than this (the sliver of a vent between a fan and the
// vent's edge) is left closed rather than forcing a cell that thin.
constexpr double kMinPatch_m = 5e-3;
// The PSU's rear honeycomb and its fan grille: free-area ratio [estimated,
// typical honeycomb grilles are 0.7-0.8 open].
constexpr double kPsuGrilleFreeArea = 0.7;
// Every coordinate of the lowered parts is rounded to 0.2 mm, so that the
// slivers between unrelated parts' faces (a card's edge 0.16 mm past the slot
// opening) do not each force cells that thin into the snapped grid, while
// the gaps that decide how a card breathes keep their size: two 38 mm cards
// at the 20.32 mm slot pitch leave 2.64 mm, which whole millimetres turned
// into 2 or 3 mm by where the cards happened to sit (the gap's friction goes
// with its cube). A part thinner than this keeps one quantum.
constexpr double kQuantum_m = 0.2e-3;
// Faces of parts that cannot face each other merge onto one grid line when
// this close (see merge_faces).
constexpr double kMergeFaces_m = 3e-3;
// Monitors sit this far from the wall, or in the middle of a thinner gap.
constexpr double kMonitorInset_m = 5e-3;

// The turbulence model of lowered builds, the one place that chooses it:
// LVEL, the algebraic model for cluttered enclosures (issue 4). Case flows
// reach Re ~ 1e4 in the fan jets and between the cards, where laminar
// viscosity alone leaves the jets unsteady and the steady solve wandering.
constexpr Turbulence kBuildTurbulence = Turbulence::lvel;

std::string mm_text(double m) {
  std::ostringstream o;
  o.precision(4);
  o << m / kMm;
  return o.str();
}

Face face_of(int axis, bool max_side) { return static_cast<Face>(2 * axis + (max_side ? 1 : 0)); }

bool positive_overlap(const Box& a, const Box& b, int skip) {
  for (int k = 0; k < 3; ++k)
    if (k != skip && box_overlap(a, b, k) <= 1e-9) return false;
  return true;
}

// The parts of r not covered by any hole, as few boxes as a row-wise merge
// gives; the holes and r are compared across every axis but `skip` (a flat
// rectangle's plane, or a slab's thickness). Pieces thinner than min_side on
// an axis other than `skip` are dropped.
std::vector<Box> subtract(const Box& r, const std::vector<Box>& holes, int skip,
                          double min_side = 0.0) {
  const int t1 = skip == 0 ? 1 : 0;
  const int t2 = skip == 2 ? 1 : 2;
  std::vector<double> c1 = {r.min_m[t1], r.max_m[t1]}, c2 = {r.min_m[t2], r.max_m[t2]};
  std::vector<const Box*> hit;
  for (const Box& h : holes) {
    if (!positive_overlap(r, h, skip)) continue;
    hit.push_back(&h);
    for (double v : {h.min_m[t1], h.max_m[t1]})
      if (v > r.min_m[t1] && v < r.max_m[t1]) c1.push_back(v);
    for (double v : {h.min_m[t2], h.max_m[t2]})
      if (v > r.min_m[t2] && v < r.max_m[t2]) c2.push_back(v);
  }
  if (hit.empty()) return {r};
  for (auto* c : {&c1, &c2}) {
    std::sort(c->begin(), c->end());
    c->erase(std::unique(c->begin(), c->end(), [](double a, double b) { return b - a < 1e-12; }),
             c->end());
  }
  auto covered = [&](std::size_t i, std::size_t j) {
    const double x1 = 0.5 * (c1[i] + c1[i + 1]), x2 = 0.5 * (c2[j] + c2[j + 1]);
    for (const Box* h : hit)
      if (x1 > h->min_m[t1] && x1 < h->max_m[t1] && x2 > h->min_m[t2] && x2 < h->max_m[t2])
        return true;
    return false;
  };
  // Runs of free cells along t1 in each row, then rows with the same run merged.
  struct Run {
    std::size_t i0, i1, j0, j1;
  };
  std::vector<Run> done, open;
  for (std::size_t j = 0; j + 1 < c2.size(); ++j) {
    std::vector<Run> row;
    for (std::size_t i = 0; i + 1 < c1.size();) {
      if (covered(i, j)) {
        ++i;
        continue;
      }
      std::size_t e = i;
      while (e + 2 < c1.size() && !covered(e + 1, j)) ++e;
      row.push_back({i, e + 1, j, j + 1});
      i = e + 1;
    }
    std::vector<Run> next;
    for (Run& r1 : row) {
      auto it = std::find_if(open.begin(), open.end(),
                             [&](const Run& o) { return o.i0 == r1.i0 && o.i1 == r1.i1; });
      if (it != open.end()) {
        r1.j0 = it->j0;
        open.erase(it);
      }
      next.push_back(r1);
    }
    for (const Run& o : open) done.push_back(o);
    open = next;
  }
  for (const Run& o : open) done.push_back(o);
  std::vector<Box> out;
  for (const Run& u : done) {
    Box b = r;
    b.min_m[t1] = c1[u.i0];
    b.max_m[t1] = c1[u.i1];
    b.min_m[t2] = c2[u.j0];
    b.max_m[t2] = c2[u.j1];
    if (b.max_m[t1] - b.min_m[t1] < min_side || b.max_m[t2] - b.min_m[t2] < min_side) continue;
    out.push_back(b);
  }
  return out;
}

// Darcy-Forchheimer coefficients of a stack of parallel plate fins, fins
// stacked along `normal_axis` (closed), open along the two other axes:
//   K = eps s^2 / 12   (fully developed laminar flow between plates a gap s
//                       apart, dp/dx = 12 mu u_gap / s^2 with u_gap = u / eps)
//   C = (K_c + K_e) / (eps^2 L)   (the entry contraction K_c = 0.5 (1 - eps)
//                       and the exit expansion K_e = (1 - eps)^2 on the gap
//                       velocity u / eps, spread over the stack's length L
//                       along that axis)
// and an effective conductivity (1 - eps) k_fin + eps k_air (aluminium fins
// and air side by side, the value along the fins).
struct FinPorous {
  Vec3 K{}, C{};
  double k_eff = 0;
};

FinPorous fin_porous(const FinStack& f, int normal_axis, const Vec3& size, double k_air) {
  FinPorous p;
  const double eps = f.porosity(), s = f.gap_m();
  const double Kc = 0.5 * (1.0 - eps), Ke = (1.0 - eps) * (1.0 - eps);
  for (int a = 0; a < 3; ++a) {
    if (a == normal_axis) continue;
    p.K[a] = eps * s * s / 12.0;
    p.C[a] = (Kc + Ke) / (eps * eps * size[a]);
  }
  p.k_eff = (1.0 - eps) * kAluminium.k + eps * k_air;
  return p;
}

// A fan's P-Q curve with a grille of loss coefficient K in front of it, on
// the approach velocity Q / area: p(Q) - K rho Q^2 / (2 area^2), ending at
// the new free-delivery flow. Exact under the fan laws too (both terms scale
// with speed squared at Q ~ speed).
FanCurve through_grille(const FanCurve& c, double K, double rho, double area) {
  if (K <= 0.0) return c;
  auto loss = [&](double q) { return K * rho * q * q / (2.0 * area * area); };
  const std::vector<double>& Q = c.flow_m3_s();
  std::vector<double> q_out = {Q[0]}, p_out = {c.pressure_at(Q[0]) - loss(Q[0])};
  for (std::size_t i = 1; i < Q.size(); ++i) {
    const double p = c.pressure_at(Q[i]) - loss(Q[i]);
    if (p > 0.0) {
      q_out.push_back(Q[i]);
      p_out.push_back(p);
      continue;
    }
    double lo = Q[i - 1], hi = Q[i];  // p_eff(lo) > 0 >= p_eff(hi)
    for (int it = 0; it < 100; ++it) {
      const double mid = 0.5 * (lo + hi);
      (c.pressure_at(mid) - loss(mid) > 0.0 ? lo : hi) = mid;
    }
    q_out.push_back(0.5 * (lo + hi));
    p_out.push_back(0.0);
    break;
  }
  return FanCurve(q_out, p_out);
}

// Coordinates inside a card: t across the card from its backplate face
// towards the cooler (board "down"), l from the bracket along the card
// (board "forward"), h from the card's edge outwards (board "above").
struct CardFrame {
  const BoardPlacement* b;
  double top, fwd0;
  Box box(double t0, double t1, double l0, double l1, double h0, double h1) const {
    return b->box(top + t0, top + t1, fwd0 + l0, fwd0 + l1, kCardEdgeAbove_m + h0,
                  kCardEdgeAbove_m + h1);
  }
  Vec3 point(double t, double l, double h) const {
    return b->point(top + t, fwd0 + l, kCardEdgeAbove_m + h);
  }
  int axis_t() const { return BoardPlacement::axis_of(b->up); }
  // Fans blow from the cooler side towards the backplate: along +up.
  int towards_backplate() const { return BoardPlacement::sign_of(b->up) > 0 ? 1 : -1; }
  int axis_of(CardAxis a) const {
    switch (a) {
      case CardAxis::length:
        return BoardPlacement::axis_of(b->rear);
      case CardAxis::height:
        return BoardPlacement::axis_of(b->normal);
      case CardAxis::thickness:
        break;
    }
    return BoardPlacement::axis_of(b->up);
  }
};

Vec3 clamp_into(Vec3 p, const Vec3& size) {
  for (int a = 0; a < 3; ++a) p[a] = std::clamp(p[a], 0.0, size[a]);
  return p;
}

struct Lowering {
  const BuildScenario& s;
  std::vector<std::string>* notes;
  Model m;
  std::array<std::vector<Box>, kFaceCount> taken;  // wall patches used by fans and vents
  double rho = 0, k_air = 0;

  [[noreturn]] void fail(int line, const std::string& key, const std::string& problem) const {
    throw ScenarioError(s.source_name, line, key, problem);
  }
  void note(const std::string& n) const {
    if (notes) notes->push_back(n);
  }

  void lower() {
    const CaseModel& c = s.case_model;
    m.source_name = s.source_name;
    m.size_m = c.interior_m;
    m.cells = {1, 1, 1};
    m.snapped_grid = SnappedGridSpec{s.mesh.max_cell_m, s.mesh.min_cells_per_gap, s.mesh.growth};
    // A grid that is itself the preview (or near it) gains nothing from one.
    if (s.mesh.preview_start && s.mesh.growth < kMaxPreviewGrowth)
      m.preview_grid =
          SnappedGridSpec{s.mesh.max_cell_m, s.mesh.min_cells_per_gap, kMaxPreviewGrowth};
    m.fluid = dry_air_at(s.ambient_K);
    m.physics.gravity_m_s2 = {0.0, -9.81, 0.0};  // y is up in the case frame
    m.physics.reference_T_K = s.ambient_K;
    m.physics.turbulence = kBuildTurbulence;
    m.solver = s.solver;
    rho = m.fluid.density_kg_m3;
    k_air = m.fluid.conductivity_W_mK;
    case_walls();

    case_fans();
    board();
    for (std::size_t i = 0; i < s.gpus.size(); ++i) gpu(i);
    if (s.cpu) cpu();
    if (s.psu) psu();
    shroud_and_obstructions();
    drives();
    slot_vents();
    case_vents();
    case_fan_controls();
    quantize();
    check_overlaps();
  }

  // Case fans on a PWM curve follow a card's or the CPU's die: the fin stack
  // (or radiator) that carries that die model. Case fans come first in m.fans,
  // in the order of s.fans less those left out at 0 %.
  void case_fan_controls() {
    std::size_t next = 0;
    for (std::size_t i = 0; i < s.fans.size(); ++i) {
      const BuildFan& bf = s.fans[i];
      if (bf.speed_pct <= 0) continue;
      Fan& fan = m.fans[next++];
      if (bf.control_sensor.empty()) continue;
      std::string sensor;
      if (bf.control_sensor == "cpu") {
        for (const PorousBlock& p : m.porous)
          if (p.name.rfind("cpu.", 0) == 0 && p.die_resistance_K_W) sensor = p.name;
      } else {
        sensor = bf.control_sensor + ".fins";
      }
      bool found = false;
      for (const PorousBlock& p : m.porous)
        found = found || (p.name == sensor && p.die_resistance_K_W);
      if (!found)
        throw ScenarioError(s.source_name, bf.control_line,
                            "fan[" + std::to_string(i + 1) + "].control",
                            "'" + bf.control_sensor + "' has no die model in this build to follow");
      fan.control = FanControl{sensor, bf.control_T_K, bf.control_fraction};
    }
  }

  // The case panels pass heat to the room: the inside film is the flow
  // solution's; outside, natural convection plus radiation at room
  // temperature, h about 10 W/(m2 K) [estimated: ~4 natural convection on a
  // vertical panel at a 10 K difference + ~6 radiation at emissivity 0.9],
  // in series with the panel's own conduction.
  void case_walls() {
    struct Panel {
      const char* name;
      double thickness_m, conductivity_W_mK;
    };
    constexpr Panel kPanels[] = {{"steel", 0.8e-3, 50.0},  // SPCC sheet
                                 {"aluminium", 2.0e-3, 200.0},
                                 {"glass", 4.0e-3, 1.0},  // tempered side panel
                                 {"acrylic", 3.0e-3, 0.19}};
    constexpr double kOutsideFilm_W_m2K = 10.0;
    for (Boundary& b : m.boundary) b = Boundary{};  // no-slip walls
    if (s.wall_material == "adiabatic") return;
    for (const Panel& p : kPanels) {
      if (s.wall_material != p.name) continue;
      const double U = 1.0 / (1.0 / kOutsideFilm_W_m2K + p.thickness_m / p.conductivity_W_mK);
      for (Boundary& b : m.boundary) {
        b.T_K = s.ambient_K;
        b.heat_transfer_coefficient_W_m2K = U;
      }
    }
  }

  double q(double x) const { return std::round(x / kQuantum_m) * kQuantum_m; }
  void quantize_box(Vec3& lo, Vec3& hi, bool solid) const {
    for (int a = 0; a < 3; ++a) {
      const bool flat = hi[a] - lo[a] < 1e-12;
      lo[a] = std::clamp(q(lo[a]), 0.0, m.size_m[a]);
      hi[a] = std::clamp(q(hi[a]), 0.0, m.size_m[a]);
      if (flat) {
        hi[a] = lo[a];
      } else if (hi[a] - lo[a] < kQuantum_m - 1e-12) {
        if (solid && lo[a] + kQuantum_m <= m.size_m[a] + 1e-12) {
          hi[a] = lo[a] + kQuantum_m;
        } else if (solid) {
          lo[a] = hi[a] - kQuantum_m;
        }
      }
    }
  }
  // Faces of different parts a little apart on one axis (card tails 1 mm
  // apart, a drive beside a card's edge) move onto one line, up to
  // kMergeFaces_m, when the two parts cannot face each other across that
  // axis (their footprints across it do not overlap): no gap between them
  // changes, but no 1-3 mm interval is left to fill with fine cells. A part's
  // own two faces never merge.
  void merge_faces() {
    struct Face1 {
      double* x;
      int part;
      Vec3 lo, hi;
    };
    for (int a = 0; a < 3; ++a) {
      std::vector<Face1> faces;
      int part = 0;
      for (Block& b : m.blocks) {
        faces.push_back({&b.min_m[a], part, b.min_m, b.max_m});
        faces.push_back({&b.max_m[a], part++, b.min_m, b.max_m});
      }
      for (PorousBlock& b : m.porous) {
        faces.push_back({&b.min_m[a], part, b.min_m, b.max_m});
        faces.push_back({&b.max_m[a], part++, b.min_m, b.max_m});
      }
      // Stable: faces at one position keep the parts' order, so that which
      // cluster a face joins does not depend on how many parts there are.
      std::stable_sort(faces.begin(), faces.end(),
                       [](const Face1& p, const Face1& q) { return *p.x < *q.x; });
      // A face on the edge of a fan inside the case (a card's fan hole, the
      // shroud round it) stays there: the fan's square does not move, and a
      // hole moved off it would leave a sliver between the two.
      std::vector<double> pins;
      for (const Fan& f : m.fans)
        if (f.internal_axis && *f.internal_axis != a)
          pins.insert(pins.end(), {f.min_m[a], f.max_m[a]});
      auto pinned = [&](const Face1& f) {
        return std::any_of(pins.begin(), pins.end(),
                           [&](double x) { return std::abs(x - *f.x) < 1e-9; });
      };
      auto compatible = [&](const Face1& p, const Face1& q) {
        if (std::abs(*p.x - *q.x) < 1e-12) return true;
        if (pinned(p) && pinned(q)) return false;
        if (p.part == q.part) return false;
        return !positive_overlap(Box{p.lo, p.hi}, Box{q.lo, q.hi}, a);
      };
      std::vector<std::vector<std::size_t>> clusters;
      for (std::size_t i = 0; i < faces.size(); ++i) {
        bool joined = false;
        if (!clusters.empty()) {
          std::vector<std::size_t>& c = clusters.back();
          bool ok = *faces[i].x - *faces[c.front()].x <= kMergeFaces_m + 1e-12;
          for (std::size_t j : c) ok = ok && compatible(faces[i], faces[j]);
          if (ok) {
            c.push_back(i);
            joined = true;
          }
        }
        if (!joined) clusters.push_back({i});
      }
      // Each cluster takes the position of its pinned face, else of its
      // largest part's face.
      std::vector<std::pair<double*, double>> moves;
      for (const auto& c : clusters) {
        double best = *faces[c.front()].x, volume = -1;
        for (std::size_t j : c) {
          if (pinned(faces[j])) {
            best = *faces[j].x;
            break;
          }
          const Vec3 sz = Box{faces[j].lo, faces[j].hi}.size_m();
          if (sz[0] * sz[1] * sz[2] > volume) {
            volume = sz[0] * sz[1] * sz[2];
            best = *faces[j].x;
          }
        }
        for (std::size_t j : c) moves.push_back({faces[j].x, best});
      }
      std::vector<std::pair<double, double>> before;
      for (const Block& b : m.blocks) before.push_back({b.min_m[a], b.max_m[a]});
      for (const PorousBlock& b : m.porous) before.push_back({b.min_m[a], b.max_m[a]});
      for (auto& [x, v] : moves) *x = v;
      // Two clusters on one pinned line can squeeze a sheet between them:
      // such a part keeps where it was.
      std::size_t k = 0;
      auto keep_thickness = [&](Vec3& lo, Vec3& hi) {
        const auto [l0, h0] = before[k++];
        if (hi[a] - lo[a] < kQuantum_m - 1e-12) {
          lo[a] = l0;
          hi[a] = h0;
        }
      };
      for (Block& b : m.blocks) keep_thickness(b.min_m, b.max_m);
      for (PorousBlock& b : m.porous) keep_thickness(b.min_m, b.max_m);
    }
    // A part that merging made thinner than a quantum is not expected (faces
    // move at most kMergeFaces_m and a part's own faces never merge), but a
    // part must never turn inside out.
    for (const Block& b : m.blocks)
      for (int a = 0; a < 3; ++a)
        if (!(b.max_m[a] > b.min_m[a]))
          throw ScenarioError(s.source_name, 0, "", "lowering collapsed part '" + b.name + "'");
    for (const PorousBlock& b : m.porous)
      for (int a = 0; a < 3; ++a)
        if (!(b.max_m[a] > b.min_m[a]))
          throw ScenarioError(s.source_name, 0, "", "lowering collapsed part '" + b.name + "'");
  }

  // Vent and wall-fan edges are soft: each moves onto the nearest face of a
  // solid or porous part within kMinPatch_m, so that a grille's edge 1 mm
  // from a card's face does not cut a 1 mm interval into the grid.
  void snap_patch_edges() {
    for (int a = 0; a < 3; ++a) {
      std::vector<double> hard = {0.0, m.size_m[a]};
      for (const Block& b : m.blocks) hard.insert(hard.end(), {b.min_m[a], b.max_m[a]});
      for (const PorousBlock& b : m.porous) hard.insert(hard.end(), {b.min_m[a], b.max_m[a]});
      auto snap = [&](double x) {
        double best = x, d = kMinPatch_m;
        for (double h : hard)
          if (std::abs(h - x) < d) {
            d = std::abs(h - x);
            best = h;
          }
        return best;
      };
      auto snap_rect = [&](Vec3& lo, Vec3& hi, int plane_axis) {
        if (a == plane_axis) return;
        const double l = snap(lo[a]), h = snap(hi[a]);
        if (h - l >= kQuantum_m - 1e-12) {
          lo[a] = l;
          hi[a] = h;
        }
      };
      for (Vent& v : m.vents)
        snap_rect(v.min_m, v.max_m, v.internal_axis ? *v.internal_axis : face_axis(v.face));
      for (Fan& f : m.fans)
        if (!f.internal_axis) snap_rect(f.min_m, f.max_m, face_axis(f.face));
    }
  }

  void quantize() {
    for (Block& b : m.blocks) quantize_box(b.min_m, b.max_m, true);
    for (PorousBlock& b : m.porous) quantize_box(b.min_m, b.max_m, true);
    for (Vent& v : m.vents) quantize_box(v.min_m, v.max_m, false);
    for (Fan& f : m.fans) quantize_box(f.min_m, f.max_m, false);
    merge_faces();
    snap_patch_edges();
    // A patch that rounding shrank to nothing is dropped.
    auto empty_patch = [](const Vec3& lo, const Vec3& hi, int axis) {
      for (int a = 0; a < 3; ++a)
        if (a != axis && hi[a] - lo[a] < 1e-12) return true;
      return false;
    };
    m.vents.erase(std::remove_if(m.vents.begin(), m.vents.end(),
                                 [&](const Vent& v) {
                                   return empty_patch(
                                       v.min_m, v.max_m,
                                       v.internal_axis ? *v.internal_axis : face_axis(v.face));
                                 }),
                  m.vents.end());
  }

  // ---- wall patches ---------------------------------------------------------
  Box face_square(const Vec3& centre, Face f, double side) const {
    const int a = face_axis(f);
    Box b{centre, centre};
    for (int k = 0; k < 3; ++k) {
      if (k == a) continue;
      b.min_m[k] = std::max(0.0, centre[k] - side / 2);
      b.max_m[k] = std::min(m.size_m[k], centre[k] + side / 2);
    }
    return b;
  }

  void take_for_fan(Face f, const Box& r, int line, const std::string& key,
                    const std::string& what) {
    for (const Box& t : taken[static_cast<int>(f)]) {
      if (positive_overlap(r, t, face_axis(f)))
        fail(line, key, what + " overlaps another fan on the " + case_face_name(f) + " wall");
    }
    taken[static_cast<int>(f)].push_back(r);
  }

  // The grille a wall fan blows through: the case vent on its face that holds
  // its centre (closed covers included: a fan there means it was removed).
  double grille_loss(Face f, const Vec3& centre) const {
    const int a = face_axis(f);
    for (const CaseVent& v : s.case_model.vents) {
      if (!v.face || *v.face != f) continue;
      bool inside = true;
      for (int k = 0; k < 3; ++k)
        if (k != a && (centre[k] < v.min_m[k] - 1e-9 || centre[k] > v.max_m[k] + 1e-9))
          inside = false;
      if (!inside) continue;
      double K = perforated_plate_loss(v.free_area);
      if (v.filter_free_area) K += perforated_plate_loss(*v.filter_free_area);
      return K;
    }
    return 0.0;
  }

  Fan wall_fan(const std::string& name, Face f, const Vec3& centre, const CaseFanModel& model,
               bool intake, double speed_fraction, int line, const std::string& key) {
    Fan fan;
    fan.name = name;
    fan.face = f;
    const Box sq = face_square(centre, f, model.size_m);
    fan.min_m = sq.min_m;
    fan.max_m = sq.max_m;
    fan.diameter_m = model.size_m;
    fan.hub_diameter_m = model.hub_diameter_m;
    const FanCurve curve =
        through_grille(model.curve, grille_loss(f, centre), rho, model.size_m * model.size_m);
    fan.curve_flow_m3_s = curve.flow_m3_s();
    fan.curve_pressure_Pa = curve.pressure_Pa();
    fan.speed_fraction = speed_fraction;
    fan.intake = intake;
    fan.T_K = s.ambient_K;
    take_for_fan(f, sq, line, key, name);
    return fan;
  }

  void case_fans() {
    for (std::size_t i = 0; i < s.fans.size(); ++i) {
      const BuildFan& bf = s.fans[i];
      const std::string key = "fan[" + std::to_string(i + 1) + "]";
      if (bf.speed_pct <= 0) {
        note("fan on " + bf.mount + " at 0 %: left out (the mount stays the case's grille)");
        continue;
      }
      if (!bf.where.face) {
        // A mount inside the case (none of the presets has one): a fan on
        // that plane blowing against its outward normal (intake) or along it.
        const int a = BoardPlacement::axis_of(bf.where.normal);
        Fan fan;
        fan.name = bf.mount;
        fan.internal_axis = a;
        fan.face = face_of(a, false);
        const double sgn = BoardPlacement::sign_of(bf.where.normal);
        fan.blow_sign = (bf.intake ? -sgn : sgn) > 0 ? 1 : -1;
        const Box sq = face_square(bf.where.centre_m, face_of(a, false), bf.model.size_m);
        fan.min_m = sq.min_m;
        fan.max_m = sq.max_m;
        fan.diameter_m = bf.model.size_m;
        fan.hub_diameter_m = bf.model.hub_diameter_m;
        fan.curve_flow_m3_s = bf.model.curve.flow_m3_s();
        fan.curve_pressure_Pa = bf.model.curve.pressure_Pa();
        fan.speed_fraction = bf.speed_pct / 100.0;
        fan.T_K = s.ambient_K;
        m.fans.push_back(fan);
        continue;
      }
      m.fans.push_back(wall_fan(bf.mount, *bf.where.face, bf.where.centre_m, bf.model, bf.intake,
                                bf.speed_pct / 100.0, bf.line, key + ".mount"));
      if (!bf.intake) exhaust_monitor(bf.mount, *bf.where.face, bf.where.centre_m);
    }
  }

  void exhaust_monitor(const std::string& name, Face f, const Vec3& centre) {
    Vec3 p = centre;
    const int a = face_axis(f);
    p[a] += face_is_max(f) ? -kMonitorInset_m : kMonitorInset_m;
    m.monitors.push_back({name + ".exhaust", clamp_into(p, m.size_m)});
  }

  // ---- inside the case ------------------------------------------------------
  void board() {
    const Material fr4cu = layered({{kBoardCopperLayers * kOzCopper_m, kCopper},
                                    {kBoardThickness_m - kBoardCopperLayers * kOzCopper_m, kFr4}});
    const Box b = s.board.outline();
    m.blocks.push_back({"board", b.min_m, b.max_m, fr4cu.k, fr4cu.rho, fr4cu.cp, 0.0});
  }

  Block solid(const std::string& name, const Box& b, const Material& mat, double power = 0) const {
    return Block{name, b.min_m, b.max_m, mat.k, mat.rho, mat.cp, power};
  }

  void gpu(std::size_t index) {
    const BuildGpu& g = s.gpus[index];
    const GpuModel& gm = g.model;
    const GpuHeatsink& hs = gm.heatsink;
    const std::string n = lowered_gpu_name(index);
    const std::string key = "gpu[" + std::to_string(index + 1) + "].model";
    const CardFrame cf{&s.board, g.top_down_m, g.bracket_forward_m};
    const double T = gm.thickness_m, L = gm.length_m, H = gm.height_m;
    const bool blower = gm.cooler == CoolerStyle::blower;
    const bool flow_through = gm.cooler == CoolerStyle::flow_through;

    const double tp = kGpuBoardStack_m;
    const double ft0 = tp, ft1 = tp + hs.fin_height_m;
    const double fl0 = hs.offset_m, fl1 = hs.offset_m + hs.stack_length_m;
    const double fh0 = (H - hs.stack_width_m) / 2, fh1 = fh0 + hs.stack_width_m;
    auto misfit = [&](const std::string& why) {
      fail(g.line, key,
           gm.info.id + ": cannot place its cooler in the card (" + why +
               "); check the fin stack and fan sizes in gpus.toml");
    };
    if (ft1 + kSheet_m > T + 1e-9)
      misfit("board stack " + mm_text(tp) + " mm + fins " + mm_text(hs.fin_height_m) +
             " mm + shroud " + mm_text(kSheet_m) + " mm exceed the thickness " + mm_text(T) +
             " mm");
    if (fl1 > L + 1e-9) misfit("the fin stack runs past the card's tail");
    if (blower && fh0 < kSheet_m - 1e-9) misfit("no room for the shroud beside the fin stack");
    if (fh0 < -1e-9) misfit("the fin stack is wider than the card's height");

    const Material pcb = layered({{kGpuCopperLayers * kOzCopper_m, kCopper},
                                  {kGpuPcb_m - kGpuCopperLayers * kOzCopper_m, kFr4},
                                  {kGpuBackplate_m, kAluminium},
                                  {kGpuComponentGap_m, {k_air, rho, m.fluid.specific_heat_J_kgK}}});

    // The fin stack: the card's power goes into its air; its die model.
    PorousBlock fins;
    fins.name = n + ".fins";
    const Box fb = cf.box(ft0, ft1, fl0, fl1, fh0, fh1);
    fins.min_m = fb.min_m;
    fins.max_m = fb.max_m;
    const FinPorous fp = fin_porous(hs, cf.axis_of(hs.normal), fb.size_m(), k_air);
    fins.permeability_m2 = fp.K;
    fins.inertial_coefficient_1_m = fp.C;
    fins.conductivity_W_mK = fp.k_eff;
    fins.power_W = g.power_W;
    fins.die_resistance_K_W = gm.thermal.R_ref_K_W;
    fins.die_reference_flow_m3_s = gm.thermal.Q_ref_m3_s;
    fins.die_flow_exponent = gm.thermal.exponent;
    fins.throttle_K = gm.throttle_K;
    m.porous.push_back(fins);

    // Fans: where they sit (t of their plane, square in l and h).
    struct CardFan {
      double t, l_c, h_c;
    };
    std::vector<CardFan> fans;
    const double D = gm.fan_diameter_m;
    const double h_c = 0.5 * (fh0 + fh1);
    if (D > hs.stack_width_m + 1e-9)
      misfit("its " + mm_text(D) + " mm fans are wider than the fin stack");
    if (blower) {
      // The radial fan in the chamber between the fin stack and the tail,
      // drawing air in through the shroud's bottom.
      const double c0 = fl1, c1 = L - kSheet_m;
      if (c1 - c0 < D - 1e-9)
        misfit("the fan chamber behind the fin stack is " + mm_text(c1 - c0) +
               " mm long, the fan " + mm_text(D) + " mm");
      fans.push_back({ft1, 0.5 * (c0 + c1), h_c});
    } else {
      const int nf = std::max(1, gm.fan_count);
      const double pitch = (fl1 - fl0) / nf;
      if (pitch < D - 1e-9)
        misfit(std::to_string(nf) + " fans of " + mm_text(D) + " mm do not fit along the " +
               mm_text(fl1 - fl0) + " mm fin stack");
      for (int j = 0; j < nf; ++j) {
        // Flow-through: the tail fan sits on the backplate side, past the
        // short PCB, pulling air through the fins and out of the card.
        const bool tail = flow_through && nf >= 2 && j == nf - 1;
        fans.push_back({tail ? ft0 : ft1, fl0 + (j + 0.5) * pitch, h_c});
      }
    }
    std::vector<Box> holes;
    for (const CardFan& f : fans)
      holes.push_back(cf.box(0, T, f.l_c - D / 2, f.l_c + D / 2, f.h_c - D / 2, f.h_c + D / 2));

    // The board stack (PCB + backplate); a flow-through card's ends before its
    // tail fan.
    double pcb_len = L;
    if (flow_through && fans.size() >= 2) pcb_len = fans.back().l_c - D / 2;
    m.blocks.push_back(solid(n + ".pcb", cf.box(0, tp, 0, pcb_len, 0, H), pcb));

    // Shroud.
    int piece = 0;
    auto shroud = [&](const Box& b, int skip) {
      for (const Box& p : subtract(b, holes, skip))
        m.blocks.push_back(solid(n + ".shroud" + std::to_string(++piece), p, kAluminium));
    };
    const int at = cf.axis_t();
    if (blower) {
      // Closed around the fin stack and the fan chamber, open at the bracket.
      shroud(cf.box(ft1, ft1 + kSheet_m, 0, L, fh0, fh1), at);  // cooler side, fan hole
      shroud(cf.box(tp, ft1 + kSheet_m, 0, L, fh0 - kSheet_m, fh0), -1);
      shroud(cf.box(tp, ft1 + kSheet_m, 0, L, fh1, fh1 + kSheet_m), -1);
      shroud(cf.box(tp, ft1, L - kSheet_m, L, fh0, fh1), -1);  // tail end
    } else {
      // The fan zone between the fins and the card's face is closed. The
      // cover spans the card's face and has the fan holes ("a forged
      // aluminum cover encircles the cooler's length but leaves the top and
      // bottom open", Tom's Hardware on the RTX 2080 Ti FE), so the air the
      // fins blow out of the card's edges cannot fall back into the fans
      // through the card's face. The shroud fills the zone down to the fins
      // round each fan's square (the duct its rotor spins in), so the fans
      // draw air only through their holes: not sideways from the card's
      // ends, and not back out of the fins between two fans. The fins' own
      // edges stay open: the air leaves the card there. Every face of these
      // pieces lies on a fan's square or the card's and fins' faces, so
      // they add no grid line. docs/build-scenarios.md, "How a stacked card
      // breathes".
      shroud(cf.box(T - kSheet_m, T, 0, L, 0, H), at);
      shroud(cf.box(ft1, T - kSheet_m, fl0, fl1, fh0, fh1), at);
    }

    // Fan speed: fixed, or the card's fan control on its own die.
    std::optional<FanControl> control;
    double speed = 1.0;
    if (g.fan_speed_pct) {
      speed = *g.fan_speed_pct / 100.0;
    } else {
      FanControl fc;
      fc.sensor = fins.name;
      for (std::size_t i = 0; i < gm.fan_control.T_K().size(); ++i) {
        if (gm.fan_control.fraction()[i] <= 0.0) continue;  // zero-rpm mode: see docs
        fc.T_K.push_back(gm.fan_control.T_K()[i]);
        fc.speed_fraction.push_back(gm.fan_control.fraction()[i]);
      }
      if (!fc.T_K.empty()) {
        speed = std::max(gm.fan_control.fraction_at(gm.throttle_K), fc.speed_fraction.front());
        control = fc;
      } else {
        speed = 0.0;
      }
    }
    if (speed <= 0.0) {
      note(n + " (" + gm.info.id + "): fans stopped, left out");
    } else {
      for (std::size_t j = 0; j < fans.size(); ++j) {
        const CardFan& f = fans[j];
        Fan fan;
        fan.name = n + ".fan" + std::to_string(j + 1);
        const Box r = cf.box(f.t, f.t, f.l_c - D / 2, f.l_c + D / 2, f.h_c - D / 2, f.h_c + D / 2);
        fan.min_m = r.min_m;
        fan.max_m = r.max_m;
        fan.internal_axis = at;
        fan.face = face_of(at, false);
        fan.blow_sign = cf.towards_backplate();
        fan.diameter_m = D;
        fan.hub_diameter_m = gm.fan_hub_diameter_m;  // the motor passes no air
        fan.curve_flow_m3_s = gm.fan.flow_m3_s();
        fan.curve_pressure_Pa = gm.fan.pressure_Pa();
        fan.speed_fraction = speed;
        fan.control = control;
        fan.T_K = s.ambient_K;
        m.fans.push_back(fan);
      }
    }

    // Monitors: the air the first fan draws (in the gap below the card), and
    // a blower's exhaust at its bracket.
    const double below = std::min(kMonitorInset_m, 0.5 * g.gap_below_m);
    m.monitors.push_back(
        {n + ".intake", clamp_into(cf.point(T + below, fans[0].l_c, h_c), m.size_m)});
    if (blower)
      m.monitors.push_back(
          {n + ".exhaust",
           clamp_into(cf.point(0.5 * (ft0 + ft1), std::min(kMonitorInset_m, 0.5 * fl0), h_c),
                      m.size_m)});
  }

  void cpu() {
    const BuildCpu& c = *s.cpu;
    const CpuCoolerModel& cm = c.cooler;
    const BoardPlacement& b = s.board;
    const BoardFormFactor& f = b.form;
    const std::string key = "cpu.cooler";
    const double hw = cm.width_m / 2, hd = cm.depth_m / 2;
    const double front = f.socket_forward_m + hd, back = std::max(0.0, f.socket_forward_m - hd);
    // The die model reports the heat spreader; the CPU throttles when its
    // junction, P R_jc above that, reaches TjMax.
    const double throttle_K = c.model.tjmax_K - c.power_W * c.model.R_jc_K_W;
    const int rear_axis = BoardPlacement::axis_of(b.rear);
    const int to_rear = BoardPlacement::sign_of(b.rear) > 0 ? 1 : -1;
    const CaseFanModel* fan_model = &c.fan;

    PorousBlock fins;
    fins.power_W = c.power_W;
    fins.die_resistance_K_W = cm.thermal.R_ref_K_W;
    fins.die_reference_flow_m3_s = cm.thermal.Q_ref_m3_s;
    fins.die_flow_exponent = cm.thermal.exponent;
    fins.throttle_K = throttle_K;
    fins.name = "cpu.fins";

    if (cm.kind == CpuCoolerKind::tower) {
      // One fin stack from the front fan to the last tower (the middle fan of
      // a two-tower cooler sits at the rear face instead: a fan plane cannot
      // cut a porous block, and fans in series add pressure wherever they are).
      const double tf = fan_model->thickness_m;
      const double depth =
          cm.towers * cm.tower_depth_m + std::max(0, cm.towers - 1) * fan_model->thickness_m;
      const double f1 = front - tf, f0 = std::max(back, f1 - depth);
      const double a0 = cm.fin_stack_base_m, a1 = std::min(cm.height_m, a0 + cm.fin_stack_height_m);
      if (!(f1 > f0 && a1 > a0))
        fail(c.line, key, cm.info.id + ": its fin stack does not fit its outline");
      const Box fb = b.box(f.socket_down_m - hw, f.socket_down_m + hw, f0, f1, a0, a1);
      fins.min_m = fb.min_m;
      fins.max_m = fb.max_m;
      // Fins stacked along the heat pipes (the cooler's height, off the board):
      // the air runs front to rear and may rise between them.
      const FinPorous fp =
          fin_porous(cm.fins, BoardPlacement::axis_of(b.normal), fb.size_m(), k_air);
      fins.permeability_m2 = fp.K;
      fins.inertial_coefficient_1_m = fp.C;
      fins.conductivity_W_mK = fp.k_eff;
      m.porous.push_back(fins);
      if (cm.fan_count > 2) note(cm.info.id + ": fans beyond two left out");
      for (int j = 0; j < std::min(cm.fan_count, 2); ++j) {
        const double plane = j == 0 ? f1 : f0;
        const Box r = b.box(f.socket_down_m - hw, f.socket_down_m + hw, plane, plane, a0, a1);
        Fan fan;
        fan.name = "cpu.fan" + std::to_string(j + 1);
        fan.min_m = r.min_m;
        fan.max_m = r.max_m;
        fan.internal_axis = rear_axis;
        fan.face = face_of(rear_axis, false);
        fan.blow_sign = to_rear;
        fan.curve_flow_m3_s = fan_model->curve.flow_m3_s();
        fan.curve_pressure_Pa = fan_model->curve.pressure_Pa();
        fan.T_K = s.ambient_K;
        m.fans.push_back(fan);
      }
      const Vec3 in =
          b.point(f.socket_down_m, std::min(f.depth_m, front + kMonitorInset_m), 0.5 * (a0 + a1));
      m.monitors.push_back({"cpu.intake", clamp_into(in, m.size_m)});
      return;
    }

    // AIO: the pump block on the socket, the radiator on a free radiator mount
    // with the cooler's fans at the wall pushing or pulling through it.
    m.blocks.push_back(solid("cpu.pump", c.cooler_box, kAluminium, cm.pump_power_W));
    const int n_fans = std::max(1, cm.fan_count);
    const CaseRadiatorMount* rm = nullptr;
    std::vector<const CaseFanMount*> mounts;
    for (const CaseRadiatorMount& r : s.case_model.radiators) {
      if (r.max_size_mm < cm.radiator_size_mm || static_cast<int>(r.mounts.size()) < n_fans)
        continue;
      std::vector<const CaseFanMount*> use;
      for (int j = 0; j < n_fans; ++j) use.push_back(s.case_model.fan_mount(r.mounts[j]));
      bool free = true;
      for (const CaseFanMount* fm : use) {
        if (!fm || !fm->face) free = false;
        for (const BuildFan& bf : s.fans)
          if (fm && bf.mount == fm->name) free = false;
        if (fm && fm->face) {
          for (const Box& t : taken[static_cast<int>(*fm->face)])
            if (positive_overlap(face_square(fm->centre_m, *fm->face, fan_model->size_m), t,
                                 face_axis(*fm->face)))
              free = false;
        }
      }
      if (!free) continue;
      rm = &r;
      mounts = use;
      break;
    }
    if (!rm)
      fail(c.line, key,
           "no free radiator mount in " + s.case_model.info.id + " takes the " +
               std::to_string(cm.radiator_size_mm) + " mm radiator of " + cm.info.id +
               " (its fan mounts are taken by [[fan]] entries or too small)");
    const Face face = *mounts[0]->face;
    const int fa = face_axis(face);
    Vec3 centre{};
    for (const CaseFanMount* fm : mounts)
      for (int k = 0; k < 3; ++k) centre[k] += fm->centre_m[k] / mounts.size();
    int along = fa == 0 ? 1 : 0;
    for (int k = 0; k < 3; ++k)
      if (k != fa && std::abs(mounts.back()->centre_m[k] - mounts.front()->centre_m[k]) > 1e-6)
        along = k;
    Box rb;
    for (int k = 0; k < 3; ++k) {
      const double half = (k == along ? cm.radiator_length_m : cm.radiator_width_m) / 2;
      rb.min_m[k] = std::max(0.0, centre[k] - half);
      rb.max_m[k] = std::min(m.size_m[k], centre[k] + half);
    }
    const double d0 = fan_model->thickness_m, d1 = d0 + cm.radiator_thickness_m;
    rb.min_m[fa] = face_is_max(face) ? m.size_m[fa] - d1 : d0;
    rb.max_m[fa] = face_is_max(face) ? m.size_m[fa] - d0 : d1;
    fins.name = "cpu.radiator";
    fins.min_m = rb.min_m;
    fins.max_m = rb.max_m;
    // Air only crosses the core (the flat tubes close the other two axes).
    FinPorous fp = fin_porous(cm.fins, along, rb.size_m(), k_air);
    for (int k = 0; k < 3; ++k)
      if (k != fa) fp.K[k] = fp.C[k] = 0.0;
    fins.permeability_m2 = fp.K;
    fins.inertial_coefficient_1_m = fp.C;
    fins.conductivity_W_mK = fp.k_eff;
    m.porous.push_back(fins);
    const bool intake = !(face == Face::zmax || face == Face::ymax);
    for (std::size_t j = 0; j < mounts.size(); ++j) {
      m.fans.push_back(wall_fan("cpu.fan" + std::to_string(j + 1), face, mounts[j]->centre_m,
                                *fan_model, intake, 1.0, c.line, key));
      if (!intake) exhaust_monitor("cpu.fan" + std::to_string(j + 1), face, mounts[j]->centre_m);
    }
    note("cpu: " + cm.info.id + " radiator on the " + rm->name + " mount (" +
         (intake ? "intake" : "exhaust") + ")");
  }

  void psu() {
    const BuildPsu& p = *s.psu;
    const Box& b = p.box;
    const Vec3 size = b.size_m();
    // Open along the fan's intake axis and towards the rear; closed across
    // (its casing). Loss: the two grilles (K each, on the approach velocity
    // over the block) spread over the block; viscous part of a duct of the
    // cross-section's hydraulic diameter, K = D_h^2 / 32.
    const int in_axis = BoardPlacement::axis_of(s.case_model.psu_intake);
    const int out_axis = 2;
    const double K_grille = perforated_plate_loss(kPsuGrilleFreeArea);
    PorousBlock pb;
    pb.name = "psu";
    pb.min_m = b.min_m;
    pb.max_m = b.max_m;
    for (int a : {in_axis, out_axis}) {
      const int t1 = (a + 1) % 3, t2 = (a + 2) % 3;
      const double Dh = 2.0 * size[t1] * size[t2] / (size[t1] + size[t2]);
      pb.permeability_m2[a] = Dh * Dh / 32.0;
      pb.inertial_coefficient_1_m[a] = K_grille / size[a];
    }
    pb.conductivity_W_mK = k_air;
    pb.power_W = p.heat_W;
    m.porous.push_back(pb);

    // Its fan, lumped at the rear grille: exhausts through the rear wall.
    Fan fan;
    fan.name = "psu.fan";
    fan.curve_flow_m3_s = p.model.fan.flow_m3_s();
    fan.curve_pressure_Pa = p.model.fan.pressure_Pa();
    fan.T_K = s.ambient_K;
    fan.intake = false;
    Box r = b;
    r.min_m[2] = b.max_m[2];
    fan.min_m = r.min_m;
    fan.max_m = r.max_m;
    if (std::abs(b.max_m[2] - m.size_m[2]) < 1e-9) {
      fan.face = Face::zmax;
      take_for_fan(Face::zmax, r, p.line, "psu.model", "the PSU's exhaust");
    } else {
      fan.internal_axis = 2;
      fan.face = Face::zmin;
      fan.blow_sign = 1;
    }
    m.fans.push_back(fan);
    Vec3 at{0.5 * (b.min_m[0] + b.max_m[0]), 0.5 * (b.min_m[1] + b.max_m[1]),
            b.max_m[2] - kMonitorInset_m};
    m.monitors.push_back({"psu.exhaust", at});
  }

  void shroud_and_obstructions() {
    const CaseModel& c = s.case_model;
    if (c.psu_shroud) {
      // Its sides that are not case walls, as sheet plates; later plates are
      // trimmed where an earlier one already closes the corner.
      const Box sb{c.psu_shroud->min_m, c.psu_shroud->max_m};
      std::vector<std::pair<int, Box>> plates;
      for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side) {
          const double at = side ? sb.max_m[a] : sb.min_m[a];
          if (at <= 1e-9 || at >= m.size_m[a] - 1e-9) continue;
          Box p = sb;
          if (side) {
            p.min_m[a] = at - kSheet_m;
          } else {
            p.max_m[a] = at + kSheet_m;
          }
          for (const auto& [pa, q] : plates) {
            if (q.max_m[pa] >= p.max_m[pa] - 1e-9) p.max_m[pa] = q.min_m[pa];
            if (q.min_m[pa] <= p.min_m[pa] + 1e-9) p.min_m[pa] = q.max_m[pa];
          }
          plates.push_back({a, p});
        }
      int i = 0;
      for (const auto& pl : plates)
        m.blocks.push_back(solid("case.shroud" + std::to_string(++i), pl.second, kSteel));
    }
    for (const CaseBox& o : c.obstructions) {
      double power = 0;
      for (const BuildDrive& d : s.drives)
        if (d.position == o.name) power += d.model.active_W;
      m.blocks.push_back(solid("case." + o.name, Box{o.min_m, o.max_m}, kSteel, power));
    }
  }

  void drives() {
    const Material m2 = layered({{kBoardCopperLayers * kOzCopper_m, kCopper},
                                 {kBoardThickness_m - kBoardCopperLayers * kOzCopper_m, kFr4}});
    int k = 0;
    for (const BuildDrive& d : s.drives) {
      ++k;
      if (d.position == "unplaced" || !d.box) {
        std::ostringstream w;
        w << d.model.active_W;
        note("drive " + d.model.info.id + " unplaced: its " + w.str() + " W are left out");
        continue;
      }
      if (d.model.form_factor.rfind("m.2", 0) != 0) continue;  // in its obstruction's block
      m.blocks.push_back(solid("drive" + std::to_string(k), *d.box, m2, d.model.active_W));
    }
  }

  // ---- vents ------------------------------------------------------------------
  void add_vent(const std::string& name, const Box& r, std::optional<Face> face, double K) {
    if (!face) {
      int a = 0;
      for (int k = 0; k < 3; ++k)
        if (std::abs(r.max_m[k] - r.min_m[k]) < 1e-12) a = k;
      Vent v;
      v.name = name;
      v.internal_axis = a;
      v.face = face_of(a, false);
      v.min_m = r.min_m;
      v.max_m = r.max_m;
      v.loss_coefficient = K;
      v.T_K = s.ambient_K;
      m.vents.push_back(v);
      return;
    }
    const int a = face_axis(*face);
    Box clipped = r;
    for (int k = 0; k < 3; ++k) {
      if (k == a) continue;
      clipped.min_m[k] = std::max(0.0, r.min_m[k]);
      clipped.max_m[k] = std::min(m.size_m[k], r.max_m[k]);
    }
    std::vector<Box> pieces = subtract(clipped, taken[static_cast<int>(*face)], a, kMinPatch_m);
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      Vent v;
      v.name = pieces.size() == 1 ? name : name + "." + std::to_string(i + 1);
      v.face = *face;
      v.min_m = pieces[i].min_m;
      v.max_m = pieces[i].max_m;
      v.loss_coefficient = K;
      v.T_K = s.ambient_K;
      m.vents.push_back(v);
      taken[static_cast<int>(*face)].push_back(pieces[i]);
    }
  }

  // Each card's bracket (its free area), then the blank covers of the free
  // slots, on the expansion rectangle.
  void slot_vents() {
    const CaseModel& c = s.case_model;
    if (c.expansion_slots <= 0) return;
    const Box ex{c.expansion_min_m, c.expansion_max_m};
    const int ua = BoardPlacement::axis_of(s.board.up);
    std::vector<Box> brackets;
    for (std::size_t i = 0; i < s.gpus.size(); ++i) {
      const BuildGpu& g = s.gpus[i];
      const Vec3 p0 = s.board.point(s.board.form.slot_down_m(g.slot) - kSlotPitch_m / 2, 0, 0);
      const Vec3 p1 = s.board.point(s.board.form.slot_down_m(g.last_slot) + kSlotPitch_m / 2, 0, 0);
      Box r = ex;
      r.min_m[ua] = std::max(ex.min_m[ua], std::min(p0[ua], p1[ua]));
      r.max_m[ua] = std::min(ex.max_m[ua], std::max(p0[ua], p1[ua]));
      if (r.max_m[ua] <= r.min_m[ua]) continue;
      brackets.push_back(r);
      if (g.model.bracket_free_area > 0)
        add_vent(lowered_gpu_name(i) + ".bracket", r, c.expansion_face,
                 perforated_plate_loss(g.model.bracket_free_area));
    }
    if (c.expansion_blank_free_area > 0 && c.expansion_face) {
      const int a = face_axis(*c.expansion_face);
      const std::vector<Box> blanks = subtract(ex, brackets, a, kMinPatch_m);
      for (std::size_t i = 0; i < blanks.size(); ++i)
        add_vent(blanks.size() == 1 ? "slots.blank" : "slots.blank" + std::to_string(i + 1),
                 blanks[i], c.expansion_face, perforated_plate_loss(c.expansion_blank_free_area));
    }
  }

  void case_vents() {
    for (const CaseVent& v : s.case_model.vents) {
      if (!v.open || v.free_area <= 0) continue;
      double K = perforated_plate_loss(v.free_area);
      if (v.filter_free_area) K += perforated_plate_loss(*v.filter_free_area);
      add_vent("vent." + v.name, Box{v.min_m, v.max_m}, v.face, K);
    }
  }

  // ---- consistency --------------------------------------------------------------
  void check_overlaps() const {
    struct Named {
      const std::string* name;
      Box box;
    };
    std::vector<Named> all;
    for (const Block& b : m.blocks) all.push_back({&b.name, Box{b.min_m, b.max_m}});
    for (const PorousBlock& p : m.porous) all.push_back({&p.name, Box{p.min_m, p.max_m}});
    for (std::size_t i = 0; i < all.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (positive_overlap(all[i].box, all[j].box, -1))
          throw ScenarioError(s.source_name, 0, "",
                              "the lowered parts '" + *all[i].name + "' and '" + *all[j].name +
                                  "' overlap; the build cannot be modelled as placed");
  }
};

}  // namespace

std::string lowered_gpu_name(std::size_t index) { return "gpu" + std::to_string(index + 1); }

Model lower_build(const BuildScenario& build, std::vector<std::string>* notes) {
  Lowering l{build, notes, {}, {}, 0, 0};
  l.lower();
  return std::move(l.m);
}

}  // namespace rt
