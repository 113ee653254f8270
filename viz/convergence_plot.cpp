// The convergence plot: normalised residuals (log scale) against the
// iteration on top, the sampled temperatures (components' die or hottest
// cell, monitors) below, with VTK's charts.

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartMatrix.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkRenderer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkVector.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "viz/picture.hpp"
#include "viz/vtk_support.hpp"

namespace rt::viz {
namespace {

// Distinct line colours (Tableau 10).
const unsigned char kColours[10][3] = {
    {31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
    {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};

void style_chart(vtkChartXY* c, const std::string& title, const std::string& x_title,
                 const std::string& y_title) {
  c->SetTitle(title);
  c->GetTitleProperties()->SetFontSize(20);
  c->GetTitleProperties()->SetBold(1);
  c->SetShowLegend(true);
  c->GetLegend()->GetLabelProperties()->SetFontSize(15);
  c->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  c->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
  for (int a : {vtkAxis::LEFT, vtkAxis::BOTTOM}) {
    vtkAxis* ax = c->GetAxis(a);
    ax->SetTitle(a == vtkAxis::LEFT ? y_title : x_title);
    ax->GetTitleProperties()->SetFontSize(17);
    ax->GetTitleProperties()->SetBold(0);
    ax->GetLabelProperties()->SetFontSize(15);
  }
}

}  // namespace

void render_convergence(const std::string& title, const Summary& s, const std::string& png_path,
                        int width, int height) {
  if (s.convergence.empty()) throw std::invalid_argument("no residual history to plot");
  detail::VtkErrors vtk_errors;
  auto window = detail::make_window(width, height);
  auto view = vtkSmartPointer<vtkContextView>::New();
  view->SetRenderWindow(window);
  view->GetRenderer()->SetBackground(1, 1, 1);

  const TemperatureHistory& th = s.temperature_history;
  const bool temps = !th.iteration.empty() && !th.series.empty();
  // Components and monitors, hottest first by their last finite value.
  auto matrix = vtkSmartPointer<vtkChartMatrix>::New();
  view->GetScene()->AddItem(matrix);
  matrix->SetSize(vtkVector2i(1, temps ? 2 : 1));
  matrix->SetGutter(vtkVector2f(40.0f, 70.0f));
  matrix->SetBorders(90, 60, 40, 90);

  // Residuals: zeros (an equation that is not solved) are left out; the
  // smallest positive value bounds the log axis.
  auto res = vtkSmartPointer<vtkTable>::New();
  const char* names[4] = {"iteration", "mass", "momentum", "energy"};
  for (const char* n : names) {
    auto col = vtkSmartPointer<vtkDoubleArray>::New();
    col->SetName(n);
    res->AddColumn(col);
  }
  res->SetNumberOfRows(static_cast<vtkIdType>(s.convergence.size()));
  bool any[3] = {false, false, false};
  double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
  for (const ResidualRecord& rr : s.convergence)
    for (double v : {rr.mass, rr.momentum, rr.energy})
      if (v > 0.0 && std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
  if (!(hi > 0.0)) lo = hi = 1.0;
  for (std::size_t r = 0; r < s.convergence.size(); ++r) {
    const ResidualRecord& rr = s.convergence[r];
    const double v[3] = {rr.mass, rr.momentum, rr.energy};
    res->SetValue(static_cast<vtkIdType>(r), 0, rr.iteration);
    for (int c = 0; c < 3; ++c) {
      any[c] = any[c] || v[c] > 0.0;
      // A zero (an equation not solved in that iteration) sits on the floor.
      res->SetValue(static_cast<vtkIdType>(r), c + 1, v[c] > 0.0 ? v[c] : lo);
    }
  }
  auto* top = vtkChartXY::SafeDownCast(matrix->GetChart(vtkVector2i(0, temps ? 1 : 0)));
  style_chart(top, title + ": residuals", "iteration", "normalised residual");
  vtkAxis* left = top->GetAxis(vtkAxis::LEFT);
  left->SetLogScale(true);
  left->SetBehavior(vtkAxis::FIXED);
  left->SetRange(std::pow(10.0, std::floor(std::log10(lo))),
                 std::pow(10.0, std::ceil(std::log10(hi))));
  for (int c = 0; c < 3; ++c) {
    if (!any[c]) continue;
    vtkPlot* line = top->AddPlot(vtkChart::LINE);
    line->SetInputData(res, 0, c + 1);
    line->SetColor(kColours[c][0], kColours[c][1], kColours[c][2], 255);
    line->SetWidth(2.0);
  }

  auto tt = vtkSmartPointer<vtkTable>::New();
  if (temps) {
    // Components (die or hottest cell) and monitors, at most ten lines: the
    // hottest ten by their last value.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < th.series.size(); ++i)
      if (!is_power_series(th.series[i].name)) order.push_back(i);
    const std::size_t temperature_series = order.size();
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const auto last = [&](std::size_t i) {
        const std::vector<double>& T = th.series[i].T_C;
        return T.empty() || !std::isfinite(T.back()) ? -1e300 : T.back();
      };
      return last(a) > last(b);
    });
    if (order.size() > 10) order.resize(10);
    auto it_col = vtkSmartPointer<vtkDoubleArray>::New();
    it_col->SetName("iteration");
    tt->AddColumn(it_col);
    for (std::size_t i : order) {
      auto col = vtkSmartPointer<vtkDoubleArray>::New();
      col->SetName(th.series[i].name.c_str());
      tt->AddColumn(col);
    }
    // Samples where a value is not finite (a die with no air through it
    // yet) are left out.
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < th.iteration.size(); ++r) {
      bool finite = true;
      for (std::size_t i : order)
        finite = finite && r < th.series[i].T_C.size() && std::isfinite(th.series[i].T_C[r]);
      if (finite) rows.push_back(r);
    }
    tt->SetNumberOfRows(static_cast<vtkIdType>(rows.size()));
    for (std::size_t k = 0; k < rows.size(); ++k) {
      tt->SetValue(static_cast<vtkIdType>(k), 0, th.iteration[rows[k]]);
      for (std::size_t c = 0; c < order.size(); ++c)
        tt->SetValue(static_cast<vtkIdType>(k), static_cast<vtkIdType>(c + 1),
                     th.series[order[c]].T_C[rows[k]]);
    }
    auto* bottom = vtkChartXY::SafeDownCast(matrix->GetChart(vtkVector2i(0, 0)));
    style_chart(
        bottom,
        temperature_series > order.size()
            ? "temperatures (the 10 hottest of " + std::to_string(temperature_series) + ")"
            : std::string("temperatures (dies, else hottest cells, of parts with power; monitors)"),
        "iteration",
        "T (\xC2\xB0"
        "C)");
    for (std::size_t c = 0; c < order.size(); ++c) {
      vtkPlot* line = bottom->AddPlot(vtkChart::LINE);
      line->SetInputData(tt, 0, static_cast<vtkIdType>(c + 1));
      line->SetColor(kColours[c % 10][0], kColours[c % 10][1], kColours[c % 10][2], 255);
      line->SetWidth(2.0);
    }
  }

  window->Render();
  vtk_errors.throw_if_any(png_path);
  detail::write_png(window, png_path);
  vtk_errors.throw_if_any(png_path);
}

}  // namespace rt::viz
