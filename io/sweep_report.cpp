#include "io/sweep_report.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "io/markup_text.hpp"

namespace rt {

const char* const kRankingCriterion =
    "the higher sustained GPU performance first (the lowest card's; within 0.5 % points a "
    "tie: a throttling card's die is pinned at its throttle point, its power is what differs); "
    "then the lowest hottest-GPU die temperature (within 0.05 °C a tie); then the higher mean "
    "performance over the cards; then the lower total fan flow (same temperatures with less "
    "air)";

namespace {

constexpr double kTieC = 0.05;
// Sustained performance closer than this (percentage points) is a tie: a
// settled run's throttled power holds to about the settle band's worth
// (0.1 K of die, under 1 W on these cards: solver/diagnostics.hpp).
constexpr double kTiePerformancePct = 0.5;

bool usable(const SweepRow& r) {
  return r.has_summary && (r.status == "done" || r.status == "not converged");
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

RankedRow evaluate(const SweepRow& r) {
  RankedRow out;
  out.row = r;
  if (!usable(r)) return out;
  const Summary& s = r.summary;
  // Cards: components with a die model named gpuN...; else any die model;
  // else every powered component.
  std::vector<const ComponentSummary*> hot;
  for (const ComponentSummary& c : s.components)
    if (c.has_die && c.name.rfind("gpu", 0) == 0) hot.push_back(&c);
  if (hot.empty())
    for (const ComponentSummary& c : s.components)
      if (c.has_die) hot.push_back(&c);
  if (hot.empty())
    for (const ComponentSummary& c : s.components)
      if (c.power_W > 0) hot.push_back(&c);
  out.hottest_C = -1e300;
  out.performance_pct = 100;
  for (const ComponentSummary* c : hot) {
    RankedGpu g;
    g.component = c->name;
    g.card = c->name;
    g.id = c->name;
    // gpuN -> the N-th card in slot order.
    if (c->name.rfind("gpu", 0) == 0) {
      std::size_t end = 3;
      while (end < c->name.size() && std::isdigit(static_cast<unsigned char>(c->name[end]))) ++end;
      if (end > 3) {
        const std::size_t n = std::stoul(c->name.substr(3, end - 3));
        if (n >= 1 && n <= r.card_labels.size()) g.card = r.card_labels[n - 1];
        if (n >= 1 && n <= r.card_ids.size()) g.id = r.card_ids[n - 1];
      }
    }
    g.die_C = c->hot_C();
    g.throttling = c->has_throttle && c->throttling;
    g.cannot_hold_throttle = c->cannot_hold_throttle;
    g.performance_pct = c->has_throttle ? c->sustained_performance_pct : 100.0;
    g.power_W = c->power_W;
    out.hottest_C = std::max(out.hottest_C, g.die_C);
    out.performance_pct = std::min(out.performance_pct, g.performance_pct);
    out.gpus.push_back(g);
  }
  if (hot.empty()) out.hottest_C = 0;
  if (!out.gpus.empty()) {
    double sum = 0;
    for (const RankedGpu& g : out.gpus) sum += g.performance_pct;
    out.mean_performance_pct = sum / static_cast<double>(out.gpus.size());
  }
  for (const FanSummary& f : s.fans) out.fan_flow_m3_s += f.flow_m3_s;
  for (const SanityLine& l : s.build_sanity)
    if (l.level == "WARN") out.sanity_warnings.push_back(l.topic + ": " + l.text);
  return out;
}

bool finite_row(const RankedRow& r) {
  if (!std::isfinite(r.hottest_C)) return false;
  for (const RankedGpu& g : r.gpus)
    if (!std::isfinite(g.die_C)) return false;
  return usable(r.row) && !r.gpus.empty();
}

}  // namespace

std::vector<RankedRow> rank_sweep(const std::vector<SweepRow>& rows) {
  std::vector<RankedRow> ranked, rest;
  for (const SweepRow& r : rows) {
    RankedRow e = evaluate(r);
    (finite_row(e) ? ranked : rest).push_back(std::move(e));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const RankedRow& a, const RankedRow& b) {
    if (std::abs(a.performance_pct - b.performance_pct) > kTiePerformancePct)
      return a.performance_pct > b.performance_pct;
    if (std::abs(a.hottest_C - b.hottest_C) > kTieC) return a.hottest_C < b.hottest_C;
    // The worst card equal: the layout whose other cards throttle less.
    if (std::abs(a.mean_performance_pct - b.mean_performance_pct) > 1e-9)
      return a.mean_performance_pct > b.mean_performance_pct;
    if (std::abs(a.fan_flow_m3_s - b.fan_flow_m3_s) > 1e-12)
      return a.fan_flow_m3_s < b.fan_flow_m3_s;
    return a.row.name < b.row.name;
  });
  for (std::size_t i = 0; i < ranked.size(); ++i) ranked[i].rank = static_cast<int>(i + 1);
  std::stable_sort(rest.begin(), rest.end(),
                   [](const RankedRow& a, const RankedRow& b) { return a.row.name < b.row.name; });
  for (RankedRow& r : rest) ranked.push_back(std::move(r));
  return ranked;
}

namespace {

// The card that sets a variant's sustained performance (its lowest).
const RankedGpu* worst_card(const RankedRow& r) {
  const RankedGpu* worst = nullptr;
  for (const RankedGpu& g : r.gpus)
    if (!worst || g.performance_pct < worst->performance_pct) worst = &g;
  return worst;
}

bool any_throttling(const RankedRow& r) {
  return std::any_of(r.gpus.begin(), r.gpus.end(),
                     [](const RankedGpu& g) { return g.throttling || g.cannot_hold_throttle; });
}

}  // namespace

std::vector<AnswerChange> biggest_changes(const std::vector<RankedRow>& ranked,
                                          const std::vector<std::string>& dimension_keys,
                                          std::size_t count) {
  std::vector<AnswerChange> all;
  std::vector<const RankedRow*> rows;
  for (const RankedRow& r : ranked)
    if (r.rank > 0) rows.push_back(&r);
  for (std::size_t a = 0; a < rows.size(); ++a) {
    for (std::size_t b = 0; b < rows.size(); ++b) {
      if (a == b) continue;
      const SweepRow& A = rows[a]->row;
      const SweepRow& B = rows[b]->row;
      if (A.choices.size() != B.choices.size()) continue;
      int differ = -1, count_diff = 0;
      for (std::size_t k = 0; k < A.choices.size(); ++k)
        if (A.choices[k] != B.choices[k]) {
          differ = static_cast<int>(k);
          ++count_diff;
        }
      if (count_diff != 1) continue;
      // Each pair once, in the direction that ranks better.
      if (rows[b]->rank > rows[a]->rank) continue;
      AnswerChange base;
      base.dimension = static_cast<std::size_t>(differ) < dimension_keys.size()
                           ? dimension_keys[static_cast<std::size_t>(differ)]
                           : "";
      base.from_variant = A.name;
      base.to_variant = B.name;
      base.from_choice = A.choices[static_cast<std::size_t>(differ)];
      base.to_choice = B.choices[static_cast<std::size_t>(differ)];
      bool told = false;
      // A card that could not hold its throttle point even at its power
      // floor and now holds it (two runaway readings differ by nothing a
      // card would show).
      for (const RankedGpu& ga : rows[a]->gpus)
        for (const RankedGpu& gb : rows[b]->gpus) {
          if (ga.id != gb.id || !ga.cannot_hold_throttle || gb.cannot_hold_throttle) continue;
          AnswerChange c = base;
          c.kind = AnswerChange::Kind::holds_throttle;
          c.card = gb.card;
          c.from_C = ga.die_C;
          c.to_C = gb.die_C;
          c.from_performance_pct = ga.performance_pct;
          c.to_performance_pct = gb.performance_pct;
          c.text = fmt::format(
              "{} → {} ({}) lets {} hold its throttle point (it could not even at its power "
              "floor; {:.1f} °C, {:.0f} % performance)",
              c.from_choice, c.to_choice, c.dimension, ga.id, gb.die_C, gb.performance_pct);
          all.push_back(std::move(c));
          told = true;
        }
      if (told) continue;
      if (any_throttling(*rows[a]) || any_throttling(*rows[b])) {
        // Throttling cards sit at their throttle point: the change is told
        // by the worst card's sustained performance, the ranking's measure,
        // not per card (swapping two cards helps the one that leaves the
        // starved slot and starves the other). Gains within the ranking's
        // tie are the throttle's settling.
        const RankedGpu* wa = worst_card(*rows[a]);
        const RankedGpu* wb = worst_card(*rows[b]);
        if (!wa || !wb) continue;
        if (!(wb->performance_pct - wa->performance_pct > kTiePerformancePct)) continue;
        AnswerChange c = base;
        c.kind = AnswerChange::Kind::performance;
        c.card = wb->card;
        c.from_C = wa->die_C;
        c.to_C = wb->die_C;
        c.from_performance_pct = wa->performance_pct;
        c.to_performance_pct = wb->performance_pct;
        c.text = fmt::format(
            "{} → {} ({}) raises the worst card's sustained performance by {:.1f} % points ({} "
            "{:.1f} % at {:.0f} W → {} {:.1f} % at {:.0f} W)",
            c.from_choice, c.to_choice, c.dimension, wb->performance_pct - wa->performance_pct,
            wa->id, wa->performance_pct, wa->power_W, wb->id, wb->performance_pct, wb->power_W);
        all.push_back(std::move(c));
        continue;
      }
      // No card throttles in either: each card that runs cooler.
      for (const RankedGpu& ga : rows[a]->gpus)
        for (const RankedGpu& gb : rows[b]->gpus) {
          if (ga.id != gb.id) continue;
          const double d = gb.die_C - ga.die_C;
          if (!(d < 0)) continue;
          AnswerChange c = base;
          c.kind = AnswerChange::Kind::temperature;
          c.card = gb.card;
          c.from_C = ga.die_C;
          c.to_C = gb.die_C;
          c.text =
              fmt::format("{} → {} ({}) lowers {}'s temperature by {:.1f} °C ({:.1f} → {:.1f} °C)",
                          c.from_choice, c.to_choice, c.dimension, ga.id, -d, ga.die_C, gb.die_C);
          all.push_back(std::move(c));
        }
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const AnswerChange& x, const AnswerChange& y) {
    if (x.kind != y.kind) return x.kind < y.kind;
    if (x.kind == AnswerChange::Kind::performance)
      return (x.to_performance_pct - x.from_performance_pct) >
             (y.to_performance_pct - y.from_performance_pct);
    return (x.from_C - x.to_C) > (y.from_C - y.to_C);
  });
  if (all.size() > count) all.resize(count);
  return all;
}

std::string ranking_csv(const std::vector<RankedRow>& ranked) {
  std::size_t ncards = 0;
  for (const RankedRow& r : ranked) ncards = std::max(ncards, r.gpus.size());
  std::string out =
      "rank,variant,status,hottest_die_C,min_performance_pct,throttling,fan_flow_m3_s,fan_flow_CFM,"
      "iterations,wall_time_s";
  for (std::size_t i = 1; i <= ncards; ++i)
    out += fmt::format(
        ",gpu{0}_card,gpu{0}_die_C,gpu{0}_throttling,gpu{0}_performance_pct,gpu{0}_runaway", i);
  out += ",sanity_warnings,choices,reason\n";
  for (const RankedRow& r : ranked) {
    const bool ok = r.rank > 0;
    int throttling = 0;
    for (const RankedGpu& g : r.gpus) throttling += g.throttling ? 1 : 0;
    out += fmt::format("{},{},{},", ok ? std::to_string(r.rank) : "", csv_field(r.row.name),
                       csv_field(r.row.status));
    if (ok) {
      out += fmt::format("{:.2f},{:.1f},{},{:.5f},{:.1f},{},{:.1f}", r.hottest_C, r.performance_pct,
                         throttling, r.fan_flow_m3_s, r.fan_flow_m3_s / 4.719474432e-4,
                         r.row.summary.iterations, r.row.summary.wall_time_s);
    } else {
      out += ",,,,,,";
    }
    for (std::size_t i = 0; i < ncards; ++i) {
      if (ok && i < r.gpus.size()) {
        const RankedGpu& g = r.gpus[i];
        out += fmt::format(",{},{:.2f},{},{:.1f},{}", csv_field(g.card), g.die_C,
                           g.throttling ? 1 : 0, g.performance_pct, g.cannot_hold_throttle ? 1 : 0);
      } else {
        out += ",,,,,";
      }
    }
    std::string choices;
    for (const std::string& c : r.row.choices) choices += (choices.empty() ? "" : " ") + c;
    std::string warnings;
    for (const std::string& w : r.sanity_warnings) warnings += (warnings.empty() ? "" : "; ") + w;
    out +=
        "," + csv_field(warnings) + "," + csv_field(choices) + "," + csv_field(r.row.reason) + "\n";
  }
  return out;
}

std::string sweep_report_html(const SweepReportInput& in) {
  std::string h;
  h += "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>rigtherm sweep: " +
       markup_escape(in.title) + "</title>\n<style>\n";
  h += "body{font-family:sans-serif;margin:1.5em;max-width:1400px}"
       "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;"
       "font-size:13px;vertical-align:top}th{background:#eee}.hot{color:#b00;font-weight:bold}"
       ".bad{color:#777}.pair{display:flex;gap:1em}.pair figure{margin:0}img.thumb{width:220px}"
       "img.big{width:640px}\n</style></head><body>\n";
  h += "<h1>Sweep " + markup_escape(in.title) + "</h1>\n<p>Base scenario: <code>" +
       markup_escape(in.base) + "</code>. Varied: " + markup_escape([&] {
         std::string s;
         for (const std::string& k : in.dimension_keys) s += (s.empty() ? "" : ", ") + k;
         return s.empty() ? std::string("nothing") : s;
       }()) +
       ".</p>\n<p>Ranked by: " + markup_escape(in.criterion) + ".</p>\n";
  std::size_t ranked = 0, other = 0;
  for (const RankedRow& r : in.ranked) (r.rank > 0 ? ranked : other)++;
  h += fmt::format(
      "<p>{} variants ranked, {} not ranked (failed, impossible, duplicate or not run).</p>\n",
      ranked, other);
  bool common = false;
  for (const RankedRow& r : in.ranked) common |= r.row.side_picture == "sweep-side.png";
  const auto picture = [&](const RankedRow& r, const char* cls) {
    if (r.row.side_picture.empty()) return std::string("(no picture)");
    return "<a href=\"" + markup_escape(r.row.name) + "/report.html\"><img class=\"" + cls +
           "\" src=\"" + markup_escape(r.row.name) + "/" + markup_escape(r.row.side_picture) +
           "\" alt=\"side view of " + markup_escape(r.row.name) + "\"></a>";
  };
  // The hottest card's reading, unless it is a runaway die model.
  const auto hottest_text = [](const RankedRow& r) {
    for (const RankedGpu& g : r.gpus)
      if (g.cannot_hold_throttle && g.die_C >= r.hottest_C) return std::string("runaway");
    return fmt::format("{:.1f} °C", r.hottest_C);
  };
  if (ranked >= 2) {
    const RankedRow& best = in.ranked.front();
    const RankedRow& worst = in.ranked[ranked - 1];
    h += "<h2>Best and worst</h2>\n<div class=\"pair\">";
    for (const RankedRow* r : {&best, &worst})
      h += fmt::format(
          "<figure>{}<figcaption>#{} <b>{}</b>: hottest {}, performance {:.0f} %"
          "</figcaption></figure>",
          picture(*r, "big"), r->rank, markup_escape(r->row.name), hottest_text(*r),
          r->performance_pct);
    h += common
             ? "</div>\n<p>The side views share one colour range (the lowest to the highest "
               "temperature over all variants).</p>\n"
             : "</div>\n<p>Each picture has its own colour range (see the legend in each).</p>\n";
  }
  if (!in.changes.empty()) {
    h += "<h2>The changes that matter most</h2>\n<p>Pairs of variants that differ in one "
         "variable only, in the direction that ranks better: those that let a card hold its "
         "throttle point; then, where cards throttle (their dies pinned at the throttle point), "
         "by how much the change raises the worst card's sustained performance; then, where "
         "none throttles, by how much it lowers a card's temperature:</p>\n<ol>\n";
    for (const AnswerChange& c : in.changes)
      h += "<li>" + markup_escape(c.text) + " <span class=\"bad\">(" +
           markup_escape(c.from_variant) + " → " + markup_escape(c.to_variant) + ")</span></li>\n";
    h += "</ol>\n";
  }
  h += "<h2>Ranking</h2>\n<table><tr><th>#</th><th>variant</th><th>status</th><th>hottest"
       "</th><th>cards: die °C, performance</th><th>fans</th><th>side view</th></tr>\n";
  for (const RankedRow& r : in.ranked) {
    h += "<tr><td>" + (r.rank > 0 ? std::to_string(r.rank) : std::string("–")) +
         "</td><td><a href=\"" + markup_escape(r.row.name) + "/\">" + markup_escape(r.row.name) +
         "</a></td><td" + (r.rank > 0 ? "" : " class=\"bad\"") + ">" + markup_escape(r.row.status) +
         (r.row.reason.empty() ? "" : ": " + markup_escape(r.row.reason));
    for (const std::string& w : r.sanity_warnings)
      h += "<div class=\"hot\">WARN " + markup_escape(w) + "</div>";
    h += "</td>";
    if (r.rank > 0) {
      h += "<td>" + hottest_text(r) + "</td><td>";
      for (const RankedGpu& g : r.gpus)
        h +=
            g.cannot_hold_throttle
                ? fmt::format(
                      "<div class=\"hot\">{}: cannot hold its throttle point even at its "
                      "power floor (~{:.0f} %)</div>",
                      markup_escape(g.card), g.performance_pct)
                : fmt::format(
                      "<div{}>{}: {:.1f} °C{}</div>", g.throttling ? " class=\"hot\"" : "",
                      markup_escape(g.card), g.die_C,
                      g.throttling ? fmt::format(", throttles, ~{:.0f} %", g.performance_pct) : "");
      h += "</td><td>";
      for (const FanSummary& f : r.row.summary.fans)
        h += fmt::format("<div>{} {:.1f} CFM at {:.0f} %</div>", markup_escape(f.name),
                         f.flow_m3_s / 4.719474432e-4, f.speed_pct);
      h += fmt::format("<div>total {:.1f} CFM</div></td><td>{}</td>",
                       r.fan_flow_m3_s / 4.719474432e-4, picture(r, "thumb"));
    } else {
      h += "<td></td><td></td><td></td><td></td>";
    }
    h += "</tr>\n";
  }
  h += "</table>\n<p>ranking.csv has the same rows for a spreadsheet.</p>\n</body></html>\n";
  return h;
}

}  // namespace rt
