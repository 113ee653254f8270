# Runs one rigtherm command and checks what it did; used by the ctest tests
# in this directory (cmake -D... -P run_and_check.cmake).
#
#   EXE           the rigtherm executable
#   ARGS          its arguments, separated by "::" (a ";" would not survive add_test)
#   EXPECT_RC     "0", "nonzero", or accepted codes separated by "|" (e.g. "0|4")
#   EXPECT_REGEX  optional regex that stdout+stderr must match
#   CLEAN         optional directory removed before the run
#   FILES         optional files, separated by "::", that must exist afterwards

if(NOT EXE)
  message(FATAL_ERROR "run_and_check.cmake: EXE not set")
endif()
string(REPLACE "::" ";" args "${ARGS}")
string(REPLACE "::" ";" files "${FILES}")

if(CLEAN)
  file(REMOVE_RECURSE "${CLEAN}")
endif()

execute_process(COMMAND "${EXE}" ${args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("$ ${EXE} ${args}\n--- stdout ---\n${out}--- stderr ---\n${err}--- exit status: ${rc}")

set(failures "")
if(NOT rc MATCHES "^[0-9]+$")
  list(APPEND failures "did not exit normally (${rc})")
elseif(EXPECT_RC STREQUAL "nonzero")
  if(rc EQUAL 0)
    list(APPEND failures "exit status 0, expected non-zero")
  endif()
elseif(NOT "${EXPECT_RC}" STREQUAL "")
  string(REPLACE "|" ";" accepted "${EXPECT_RC}")
  list(FIND accepted "${rc}" found)
  if(found EQUAL -1)
    list(APPEND failures "exit status ${rc}, expected ${EXPECT_RC}")
  endif()
endif()

if(NOT "${EXPECT_REGEX}" STREQUAL "")
  if(NOT "${out}${err}" MATCHES "${EXPECT_REGEX}")
    list(APPEND failures "output does not match /${EXPECT_REGEX}/")
  endif()
endif()

foreach(f IN LISTS files)
  if(NOT EXISTS "${f}")
    list(APPEND failures "missing output file ${f}")
  endif()
endforeach()

if(failures)
  string(REPLACE ";" "\n  " text "${failures}")
  message(FATAL_ERROR "FAILED:\n  ${text}")
endif()
