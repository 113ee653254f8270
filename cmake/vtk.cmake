# VTK is optional: pictures are built when VTK 9 is found (RT_VTK=AUTO) or
# demanded (ON); RT_VTK=OFF (or no libvtk9-dev) builds rigtherm without
# pictures, and their tests skip. Debian's VTK 9.1 renders through X, hence
# X11 (to check a display before VTK would abort on a missing one).
set(RT_WITH_VTK OFF)
if(NOT RT_VTK STREQUAL "OFF")
  set(rt_vtk_components
    CommonCore CommonDataModel FiltersCore FiltersSources FiltersFlowPaths
    RenderingCore RenderingOpenGL2 RenderingFreeType RenderingAnnotation
    IOImage ChartsCore ViewsContext2D RenderingContextOpenGL2 RenderingContext2D
    InteractionStyle)
  if(RT_VTK STREQUAL "ON")
    find_package(VTK 9 REQUIRED COMPONENTS ${rt_vtk_components})
    find_package(X11 REQUIRED)
  else()
    find_package(VTK 9 QUIET COMPONENTS ${rt_vtk_components})
    find_package(X11 QUIET)
  endif()
  if(VTK_FOUND AND X11_FOUND)
    set(RT_WITH_VTK ON)
  endif()
endif()
message(STATUS "rigtherm pictures (VTK): ${RT_WITH_VTK}")
