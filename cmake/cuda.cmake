# CUDA is optional: built when nvcc is found (RT_CUDA=AUTO) or demanded (ON).
# A machine with nvcc but no GPU still builds it; the run-time check says
# "no CUDA device" instead.
set(RT_WITH_CUDA OFF)
if(NOT RT_CUDA STREQUAL "OFF")
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 80 90)
    endif()
    enable_language(CUDA)
    set(RT_WITH_CUDA ON)
  elseif(RT_CUDA STREQUAL "ON")
    message(FATAL_ERROR "RT_CUDA=ON but no CUDA compiler (nvcc) was found")
  endif()
endif()
message(STATUS "rigtherm CUDA backend: ${RT_WITH_CUDA}")
