#pragma once
// The parts library: GPUs, case fans, CPU coolers, CPUs, PSUs, drives,
// memory modules, motherboards and case presets, read from the TOML data files in
// scenarios/builds/parts/ (one file per family; keys, units and sources are
// documented at the top of each file and in docs/parts-library.md).
//
// Everything here is SI: lengths in m, temperatures in K, powers in W,
// flows in m³/s, pressures in Pa, thermal resistances in K/W. The files use
// mm, °C, m³/h, CFM and mmH2O where people think in them; the loader
// converts once. Build scenarios (the PC layer) look parts up by id and
// lower them to the generic Model; nothing below scenarios/ sees this file.
//
// Errors: a malformed data file throws ScenarioError naming the file, line
// and dotted key ("gpus.toml:42: key 'gpu.titan-rtx.tdp_W': must be > 0");
// an unknown id throws UnknownPartError listing the close matches.

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/builds/motherboard_model.hpp"
#include "scenarios/builds/part_info.hpp"
#include "scenarios/builds/power_connectors.hpp"
#include "scenarios/model/model.hpp"
#include "scenarios/model/scenario_error.hpp"

namespace rt {

// An id the library does not have. what() reads
//   unknown GPU 'rtx-3090-tubro'; did you mean: gigabyte-rtx-3090-turbo?
//   (available: gtx-1080-ti-fe, ...)
struct UnknownPartError : std::runtime_error {
  UnknownPartError(std::string family, std::string id, std::vector<std::string> close_matches,
                   std::vector<std::string> available);

  std::string family;  // "gpu", "case_fan", ...; empty when searched in all
  std::string id;
  std::vector<std::string> close_matches;  // best first
  std::vector<std::string> available;
};

// Fan pressure rise against volumetric flow at one speed: points with flow
// strictly increasing from 0 and pressure strictly decreasing to 0 (the
// free-delivery point), linearly interpolated.
class FanCurve {
 public:
  FanCurve() = default;
  // Throws std::invalid_argument when the points are not as described.
  FanCurve(std::vector<double> flow_m3_s, std::vector<double> pressure_Pa);

  const std::vector<double>& flow_m3_s() const { return flow_; }
  const std::vector<double>& pressure_Pa() const { return pressure_; }
  bool empty() const { return flow_.empty(); }
  double max_flow_m3_s() const;    // free delivery (pressure 0)
  double max_pressure_Pa() const;  // shut-off (flow 0)

  // Pressure rise at a flow. Below 0 (reverse flow): the shut-off pressure.
  // Beyond free delivery: the last segment extended, so the pressure turns
  // negative (air driven through faster than the fan would move it: the
  // fan is a resistance).
  double pressure_at(double flow_m3_s) const;
  // Flow at a pressure rise, the inverse of pressure_at on [0, max
  // pressure]: max flow at p <= 0, zero flow at p >= shut-off.
  double flow_at(double pressure_Pa) const;

  // Fan laws at a speed fraction N/N_max in (0, 1]: Q ∝ N, Δp ∝ N².
  // Throws std::invalid_argument outside (0, 1] (a stopped fan has no
  // curve: it is a resistance).
  FanCurve at_speed(double fraction) const;

 private:
  std::vector<double> flow_;
  std::vector<double> pressure_;
};

// Fan speed fraction (0..1) against a temperature (K), e.g. a GPU's fan
// control; linear between points, held at the end values outside.
class FanControlCurve {
 public:
  FanControlCurve() = default;
  // Temperatures strictly increasing, fractions in [0, 1] non-decreasing.
  FanControlCurve(std::vector<double> T_K, std::vector<double> fraction);
  const std::vector<double>& T_K() const { return T_; }
  const std::vector<double>& fraction() const { return fraction_; }
  double fraction_at(double T_K) const;

 private:
  std::vector<double> T_;
  std::vector<double> fraction_;
};

// PSU efficiency (DC out / AC in) against load fraction (DC load / rating);
// linear between points, held at the end values outside.
class EfficiencyCurve {
 public:
  EfficiencyCurve() = default;
  // Load fractions strictly increasing in (0, 1], efficiencies in (0, 1).
  EfficiencyCurve(std::vector<double> load_fraction, std::vector<double> efficiency);
  const std::vector<double>& load_fraction() const { return load_; }
  const std::vector<double>& efficiency() const { return eta_; }
  double at(double load_fraction) const;

 private:
  std::vector<double> load_;
  std::vector<double> eta_;
};

// Compact thermal model of a heat sink with air flowing through it:
//   R(Q) = R_ref · (Q_ref / Q)^exponent,   T_hot = T_air,in + P · R(Q),
// infinite without flow (scenarios/model/die_resistance.hpp, the solver's law).
struct CompactThermal {
  double R_ref_K_W = 0;
  double Q_ref_m3_s = 0;
  double exponent = 0;
  double resistance_K_W(double flow_m3_s) const;
};

// A stack of parallel plate fins: what the porous model needs.
struct FinStack {
  double pitch_m = 0;  // centre-to-centre
  double fin_thickness_m = 0;
  double gap_m() const { return pitch_m - fin_thickness_m; }
  double porosity() const { return gap_m() / pitch_m; }          // open volume share
  double hydraulic_diameter_m() const { return 2.0 * gap_m(); }  // parallel plates
};

// ---- GPUs -----------------------------------------------------------------

// passive: no fan of its own (data-centre cards); a closed shroud round a
// fin stack along the card, open at the tail (air in) and the bracket (air
// out): the case must push air through it.
enum class CoolerStyle { blower, open_air, flow_through, passive };
enum class GpuExhaust { bracket, case_interior, split };
// Card axes: length (bracket to tail), height (slot edge outwards, the
// PCB plane), thickness (across the slots, through the cooler).
enum class CardAxis { length, height, thickness };

struct GpuHeatsink : FinStack {
  CardAxis flow = CardAxis::length;    // air runs along this axis between fins
  CardAxis normal = CardAxis::height;  // fins are stacked along this axis
  double stack_length_m = 0;           // extent along the card length
  double stack_width_m = 0;            // extent along the card height
  double fin_height_m = 0;             // extent along the card thickness
  double offset_m = 0;                 // from the bracket to the stack
};

struct GpuModel {
  PartInfo info;
  CoolerStyle cooler = CoolerStyle::open_air;
  GpuExhaust exhaust = GpuExhaust::case_interior;
  double bracket_exhaust_fraction = 0;  // share of the cooler air leaving through the bracket
  double bracket_free_area = 0;         // open share of the card's bracket
  double length_m = 0;
  double height_m = 0;
  double thickness_m = 0;
  double slot_width = 0;  // slots occupied
  double tdp_W = 0;
  int fan_count = 0;  // 0: a passive card (every fan_ value below unset)
  double fan_diameter_m = 0;
  double fan_hub_diameter_m = 0;  // motor hub, the blocked centre of the rotor
  double fan_rpm_max = 0;
  FanCurve fan;                  // one fan at 100 %
  std::string fan_curve_source;  // where the curve's end points come from
  FanControlCurve fan_control;   // fan fraction vs die temperature
  double throttle_K = 0;         // GPU Boost temperature target
  double slowdown_K = 0;         // hardware slowdown
  GpuHeatsink heatsink;
  CompactThermal thermal;  // die to inlet air, Q through the fin stack
  // Power inputs (power_connectors.hpp) and where they sit, and the
  // highest power spike at the default limit over 5-10 ms: optional (not
  // yet sourced for every card); build sanity says what it could not check.
  std::vector<PowerConnector> power_connectors;  // empty: not known
  std::optional<PowerConnectorEdge> power_connector_edge;
  std::optional<double> power_spike_W;
  // Slot spacings of the NVLink (or SLI HB) bridges made for this card:
  // empty = it has no such connector; nullopt = not known.
  std::optional<std::vector<int>> bridge_slot_spacings;

  bool exhausts_through_bracket() const { return exhaust == GpuExhaust::bracket; }
  bool has_fans() const { return cooler != CoolerStyle::passive; }
};

// ---- fans, coolers, CPUs, PSUs, drives, memory ----------------------------

struct CaseFanModel {
  PartInfo info;
  double size_m = 0;  // frame side
  double thickness_m = 0;
  double hub_diameter_m = 0;
  double rpm_max = 0;
  double power_W = 0;
  FanCurve curve;  // at full speed
};

enum class CpuCoolerKind { tower, aio };

// Cooler axes: height (perpendicular to the board), width (along the
// board's up direction), depth (along the airflow, towards the board's rear
// edge).
struct CpuCoolerModel {
  PartInfo info;
  CpuCoolerKind kind = CpuCoolerKind::tower;
  double height_m = 0;  // tower: whole cooler; aio: pump block
  double width_m = 0;
  double depth_m = 0;
  std::string fan_model;  // id in the case_fan family
  int fan_count = 0;
  FinStack fins;           // tower fins or radiator air fins
  CompactThermal thermal;  // heat spreader to inlet air
  // tower
  int towers = 0;
  double tower_depth_m = 0;
  double fin_stack_height_m = 0;
  double fin_stack_base_m = 0;
  // The tallest memory module that fits under it as its maker ships it
  // (optional: not yet sourced for every cooler).
  std::optional<double> ram_clearance_m;
  // aio
  int radiator_size_mm = 0;  // nominal: 240, 360 ...
  double radiator_length_m = 0;
  double radiator_width_m = 0;
  double radiator_thickness_m = 0;
  double pump_power_W = 0;
  double tube_length_m = 0;
};

struct CpuModel {
  PartInfo info;
  std::string socket;
  int cores = 0;
  double tdp_W = 0;
  double max_power_W = 0;
  double tjmax_K = 0;
  double package_length_m = 0;
  double package_width_m = 0;
  double R_jc_K_W = 0;
  // PCIe lanes the CPU gives the board's graphics slots (its chipset link
  // and fixed M.2 lanes left out); optional: not sourced for every CPU.
  std::optional<int> pcie_lanes_for_slots;
  // All its PCIe lanes, as the maker counts them (a board's population
  // table may depend on it: X299 boards split 28, 44 and 48 differently).
  std::optional<int> pcie_lanes;
};

struct PsuModel {
  PartInfo info;
  double rated_W = 0;
  std::string certification;
  EfficiencyCurve efficiency;
  double width_m = 0;
  double height_m = 0;
  double length_m = 0;
  double fan_size_m = 0;
  FanCurve fan;
  // Cables it ships with (optional: not yet sourced for every unit), and
  // the ATX version it meets (3: the ATX 3.x power excursion rule).
  struct Cables {
    int pcie_8pin = 0, pcie_16pin = 0, eps_8pin = 0;
  };
  std::optional<Cables> cables;
  std::optional<int> atx_version;

  // At a DC load in [0, rated_W]; throw std::invalid_argument outside.
  double efficiency_at(double dc_load_W) const;
  double ac_input_W(double dc_load_W) const;
  // Heat released in the PSU: dc · (1/η − 1).
  double heat_W(double dc_load_W) const;
};

struct DriveModel {
  PartInfo info;
  std::string form_factor;  // "m.2-2280", "2.5in", "3.5in"
  double length_m = 0;
  double width_m = 0;
  double height_m = 0;
  double active_W = 0;
  double idle_W = 0;
  double max_K = 0;
};

struct DimmModel {
  PartInfo info;
  std::string generation;  // "DDR4", "DDR5"
  std::string kind;        // "UDIMM", "RDIMM"
  double length_m = 0;
  double height_m = 0;
  double thickness_m = 0;
  double power_W = 0;
  double max_K = 0;
};

// ---- cases ----------------------------------------------------------------
// Case frame: x from the motherboard tray to the opposite (window) panel,
// y up, z from front to rear; the interior box is [0, interior_m]. Faces map
// onto rt::Face: front = zmin, rear = zmax, bottom = ymin, top = ymax,
// right (tray side) = xmin, left (window side) = xmax.

// "front", "rear", "bottom", "top", "right", "left".
const char* case_face_name(Face face);

struct CaseVent {
  std::string name;
  std::optional<Face> face;  // empty for an internal plane
  Vec3 min_m{};
  Vec3 max_m{};  // equal to min_m along the face's axis
  double free_area = 1.0;
  std::optional<double> filter_free_area;
  bool open = true;  // false: closed as shipped (removable cover)
  double area_m2() const;
};

struct CaseFanMount {
  std::string name;
  std::optional<Face> face;  // empty for an internal mount
  Vec3 centre_m{};
  Vec3 normal{};               // outward unit vector
  double size_m = 0;           // largest fan
  std::vector<double> fits_m;  // fan sizes accepted
};

struct CaseRadiatorMount {
  std::string name;
  std::vector<std::string> mounts;
  int max_size_mm = 0;
};

struct CaseBox {
  std::string name;
  Vec3 min_m{};
  Vec3 max_m{};
  bool removable = false;
};

// A fan the case ships with: on `mount`, blowing in or out, of library model
// `fan` (a case_fan id), or empty when the case names no model (the old
// form `mount = "intake"`): the build then uses a library fan of the
// mount's size as a stand-in.
struct CaseStockFan {
  std::string mount;
  bool intake = true;
  std::string fan;
  int line = 0;  // of the entry, for messages
};

struct CaseModel {
  PartInfo info;
  Vec3 interior_m{};
  std::vector<std::string> form_factors;
  Vec3 board_io_corner_m{};
  Vec3 board_up{};  // unit vectors
  Vec3 board_rear{};
  Vec3 board_normal{};  // = board_up × board_rear, towards the components
  double max_gpu_length_m = 0;
  double max_cpu_cooler_height_m = 0;
  double max_psu_length_m = 0;
  Vec3 psu_corner_m{};  // x_min, y_min, z_rear
  Vec3 psu_intake{};    // unit vector the PSU fan draws from
  std::optional<CaseBox> psu_shroud;
  int expansion_slots = 0;
  std::optional<Face> expansion_face;
  Vec3 expansion_min_m{};
  Vec3 expansion_max_m{};
  double expansion_blank_free_area = 0;
  std::vector<CaseVent> vents;           // in file order
  std::vector<CaseFanMount> fan_mounts;  // in file order
  std::vector<CaseRadiatorMount> radiators;
  std::vector<CaseBox> obstructions;
  std::vector<CaseStockFan> stock_fans;

  // nullptr when there is no such entry.
  const CaseFanMount* fan_mount(std::string_view name) const;
  const CaseVent* vent(std::string_view name) const;
  bool supports_form_factor(std::string_view form_factor) const;
};

// ---- the library ----------------------------------------------------------

// One field of a part as written in its file, for `rigtherm parts show`.
struct PartField {
  std::string key;    // dotted for nested entries ("vent.front")
  std::string value;  // TOML text
  std::string unit;   // from the key's suffix ("mm", "°C", ...); may be empty
  bool estimated = false;
  bool partly_estimated = false;  // some nested key is estimated
  int line = 0;
};

class PartsLibrary {
 public:
  // Family names, in the order `rigtherm parts list` shows them, with the
  // data file each one lives in.
  struct Family {
    const char* name;   // "gpu"
    const char* file;   // "gpus.toml"
    const char* title;  // "GPUs"
  };
  static const std::vector<Family>& families();

  // Reads every data file in `dir` (all must exist), then every *.toml file
  // of each extra folder on top (tables of any family, e.g. a part written
  // by `rigtherm calibrate`); an id already in the library is refused.
  // Throws ScenarioError.
  static PartsLibrary load(const std::string& dir, const std::vector<std::string>& extra_dirs = {});
  // $RIGTHERM_PARTS when set and non-empty, else the source tree's
  // scenarios/builds/parts (compile definition RT_PARTS_DIR).
  static std::string default_dir();
  // $RIGTHERM_PARTS_EXTRA, folders separated by ':' (empty when unset).
  static std::vector<std::string> default_extra_dirs();
  static PartsLibrary load_default() { return load(default_dir(), default_extra_dirs()); }

  const std::string& dir() const { return dir_; }
  const std::vector<std::string>& extra_dirs() const { return extra_dirs_; }

  // Throw UnknownPartError for ids not in the family.
  const GpuModel& gpu(std::string_view id) const;
  const CaseFanModel& case_fan(std::string_view id) const;
  const CpuCoolerModel& cpu_cooler(std::string_view id) const;
  const CpuModel& cpu(std::string_view id) const;
  const PsuModel& psu(std::string_view id) const;
  const DriveModel& drive(std::string_view id) const;
  const DimmModel& dimm(std::string_view id) const;
  const CaseModel& case_model(std::string_view id) const;
  const MotherboardModel& motherboard(std::string_view id) const;

  // Sorted ids of one family; std::invalid_argument for an unknown family.
  std::vector<std::string> ids(std::string_view family) const;
  std::vector<std::string> gpu_ids() const { return ids("gpu"); }
  std::vector<std::string> case_fan_ids() const { return ids("case_fan"); }
  std::vector<std::string> cpu_cooler_ids() const { return ids("cpu_cooler"); }
  std::vector<std::string> cpu_ids() const { return ids("cpu"); }
  std::vector<std::string> psu_ids() const { return ids("psu"); }
  std::vector<std::string> drive_ids() const { return ids("drive"); }
  std::vector<std::string> dimm_ids() const { return ids("dimm"); }
  std::vector<std::string> case_ids() const { return ids("case"); }
  std::vector<std::string> motherboard_ids() const { return ids("motherboard"); }

  // Ids are unique across families. Finds "id" or "family.id"; throws
  // UnknownPartError (close matches from every family) when absent.
  const PartInfo& find(std::string_view name) const;
  const PartInfo& info(std::string_view family, std::string_view id) const;
  // One line: the numbers that tell parts of a family apart.
  std::string summary(const PartInfo& part) const;
  // Every key of the part in file order, with units and estimate marks.
  const std::vector<PartField>& fields(const PartInfo& part) const;
  // Lines worked out from the part's values rather than written in its
  // file, for `rigtherm parts show`. A GPU has one: its fan curve's end
  // points (one fan at fan_rpm_max) and the fan hub,
  //   fan curve (one fan, 100 % = 3700 rpm): shut-off 50 Pa, free delivery
  //   0.022 m³/s (46.6 CFM); hub 36 mm
  // Other families have none yet (empty).
  std::vector<std::string> derived(const PartInfo& part) const;

 private:
  template <class T>
  using Map = std::map<std::string, T, std::less<>>;

  std::string dir_;
  std::vector<std::string> extra_dirs_;
  Map<GpuModel> gpus_;
  Map<CaseFanModel> case_fans_;
  Map<CpuCoolerModel> cpu_coolers_;
  Map<CpuModel> cpus_;
  Map<PsuModel> psus_;
  Map<DriveModel> drives_;
  Map<DimmModel> dimms_;
  Map<CaseModel> cases_;
  Map<MotherboardModel> motherboards_;
  Map<std::vector<PartField>> fields_;  // key: "family.id"

  friend struct PartsLoader;
};

}  // namespace rt
