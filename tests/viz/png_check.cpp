// png_check FILE [--size WxH] [--min-stddev S] [--has-rgb R,G,B,TOL,FRACTION]...
// Reads a PNG (VTK's reader) and checks what the picture tests need: its
// size, that it is not blank (standard deviation of the grey levels, 0-255),
// and that colours of the colour map are there (a fraction of the pixels
// within TOL of R,G,B in every channel). Prints what it measured; exit 0
// when every check passes, 1 otherwise, 2 on bad arguments.

#include <vtkImageData.h>
#include <vtkPNGReader.h>
#include <vtkSmartPointer.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(
        stderr,
        "usage: png_check FILE [--size WxH] [--min-stddev S] [--has-rgb R,G,B,TOL,FRACTION]\n");
    return 2;
  }
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  if (reader->CanReadFile(argv[1]) == 0) {
    std::printf("%s: not a PNG\n", argv[1]);
    return 1;
  }
  reader->SetFileName(argv[1]);
  reader->Update();
  vtkImageData* img = reader->GetOutput();
  int dims[3];
  img->GetDimensions(dims);
  const int comps = img->GetNumberOfScalarComponents();
  const auto* px = static_cast<const unsigned char*>(img->GetScalarPointer());
  const long n = static_cast<long>(dims[0]) * dims[1];
  double sum = 0, sum2 = 0;
  for (long i = 0; i < n; ++i) {
    const unsigned char* p = px + i * comps;
    const double g = comps >= 3 ? (p[0] + p[1] + p[2]) / 3.0 : p[0];
    sum += g;
    sum2 += g * g;
  }
  const double mean = sum / n, sd = std::sqrt(std::max(0.0, sum2 / n - mean * mean));
  std::printf("%s: %d x %d, %d channels, grey mean %.1f, stddev %.1f\n", argv[1], dims[0], dims[1],
              comps, mean, sd);
  int fail = 0;
  for (int a = 2; a < argc; ++a) {
    const std::string opt = argv[a];
    if (a + 1 >= argc) return 2;
    const char* v = argv[++a];
    if (opt == "--size") {
      int w = 0, h = 0;
      if (std::sscanf(v, "%dx%d", &w, &h) != 2) return 2;
      if (w != dims[0] || h != dims[1]) {
        std::printf("FAIL: size %d x %d, expected %d x %d\n", dims[0], dims[1], w, h);
        fail = 1;
      }
    } else if (opt == "--min-stddev") {
      const double s = std::atof(v);
      if (!(sd >= s)) {
        std::printf("FAIL: grey stddev %.2f < %.2f (blank picture?)\n", sd, s);
        fail = 1;
      }
    } else if (opt == "--has-rgb") {
      int r, g, b, tol;
      double frac;
      if (std::sscanf(v, "%d,%d,%d,%d,%lf", &r, &g, &b, &tol, &frac) != 5 || comps < 3) return 2;
      long hits = 0;
      for (long i = 0; i < n; ++i) {
        const unsigned char* p = px + i * comps;
        if (std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol)
          ++hits;
      }
      const double f = static_cast<double>(hits) / n;
      std::printf("rgb(%d,%d,%d)+-%d: %.4f of the pixels (at least %.4f wanted)\n", r, g, b, tol, f,
                  frac);
      if (f < frac) fail = 1;
    } else {
      return 2;
    }
  }
  return fail;
}
