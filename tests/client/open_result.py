# Opens a rigtherm result.xmf with ParaView's own reader (pvpython) and checks
# what ParaView sees against what rigtherm wrote: a rectilinear grid of the
# right size and extent, the cell arrays the sidecar lists, and the range of T.
#
#   pvpython open_result.py OUT/result.xmf NX NY NZ T_MIN T_MAX X_MAX Y_MAX Z_MAX
#
# The data are taken from the reader's own output object: Fetch() of a
# vtkRectilinearGrid in pvpython 5.11 returns cell arrays filled only in part,
# so it must not be used to check values.
import sys

from paraview.simple import OpenDataFile, UpdatePipeline

path = sys.argv[1]
nx, ny, nz = (int(v) for v in sys.argv[2:5])
t_min, t_max, x_max, y_max, z_max = (float(v) for v in sys.argv[5:10])

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


reader = OpenDataFile(path)
check(reader is not None, "ParaView has a reader for " + path)
UpdatePipeline(proxy=reader)
print("reader:", reader.GetXMLName())
grid = reader.GetClientSideObject().GetOutputDataObject(0)
check(grid.IsA("vtkRectilinearGrid"), "the data are a vtkRectilinearGrid (%s)" % grid.GetClassName())
dims = grid.GetDimensions()
check(tuple(dims) == (nx + 1, ny + 1, nz + 1),
      "grid nodes %s == (%d, %d, %d)" % (tuple(dims), nx + 1, ny + 1, nz + 1))
check(grid.GetNumberOfCells() == nx * ny * nz,
      "cells %d == %d" % (grid.GetNumberOfCells(), nx * ny * nz))
bounds = grid.GetBounds()
check(close(bounds[0], 0.0) and close(bounds[1], x_max) and close(bounds[3], y_max)
      and close(bounds[5], z_max), "extent %s == [0, %g] x [0, %g] x [0, %g] m" % (bounds, x_max, y_max, z_max))
cells = grid.GetCellData()
names = sorted(cells.GetArrayName(i) for i in range(cells.GetNumberOfArrays()))
print("cell arrays:", names)
for name in ("T", "p", "U", "material"):
    check(cells.GetArray(name) is not None, "cell array " + name)
T = cells.GetArray("T")
if T is not None:
    check(T.GetNumberOfTuples() == nx * ny * nz, "T has a value per cell")
    lo, hi = T.GetRange()
    check(close(lo, t_min) and close(hi, t_max),
          "T range [%.12g, %.12g] == [%.12g, %.12g] °C" % (lo, hi, t_min, t_max))
U = cells.GetArray("U")
if U is not None:
    check(U.GetNumberOfComponents() == 3, "U is a vector")

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("ParaView opened the result as rigtherm wrote it")
