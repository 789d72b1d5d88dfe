# Checks the direction of every #include "core/...", "ui/...", "web/..." in the project's C++ (run by
# the build, `cmake -P cmake/check_layers.cmake`, before any layer compiles; docs/architecture.md).
#
#   wasm/core/model  < io < engine < report        a layer includes only its own folder and those below
#   wasm/core/gen    beside them: model and io only
#   wasm/ui          the core (any layer); never web
#   wasm/web         ui and the core
#   tools, tests     the core; tests also ui/view_address.h (tests/ui); tests/web are JS
#
# A wrong-way include fails with "file:line: LAYER may not include HEADER".
cmake_minimum_required(VERSION 3.25)
if(NOT QD_SOURCE_DIR)
  get_filename_component(QD_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()

# What each folder may include: a list of include prefixes.
set(allow_model  "core/model/")
set(allow_io     "core/model/;core/io/")
set(allow_engine "core/model/;core/io/;core/engine/")
set(allow_report "core/model/;core/io/;core/engine/;core/report/")
set(allow_gen    "core/model/;core/io/;core/gen/")
set(allow_ui     "core/;ui/")
set(allow_web    "core/;ui/;web/")
set(allow_tools  "core/")
set(allow_tests  "core/;ui/view_address.h")  # the address grammar is the one UI file without ImGui

set(errors "")
foreach(area model io engine report gen ui web tools tests)
  if(area MATCHES "^(model|io|engine|report|gen)$")
    set(dir "${QD_SOURCE_DIR}/wasm/core/${area}")
  elseif(area MATCHES "^(ui|web)$")
    set(dir "${QD_SOURCE_DIR}/wasm/${area}")
  else()
    set(dir "${QD_SOURCE_DIR}/${area}")
  endif()
  file(GLOB_RECURSE files "${dir}/*.cpp" "${dir}/*.h" "${dir}/*.inc")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"(core|ui|web)/")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*$" "\\1" header "${line}")
      set(ok FALSE)
      foreach(prefix IN LISTS allow_${area})
        string(FIND "${header}" "${prefix}" at)
        if(at EQUAL 0)
          set(ok TRUE)
        endif()
      endforeach()
      if(NOT ok)
        file(RELATIVE_PATH rel "${QD_SOURCE_DIR}" "${file}")
        string(APPEND errors "${rel}: ${area} may not include ${header}\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(errors)
  message(FATAL_ERROR "Layer check failed (docs/architecture.md, cmake/check_layers.cmake):\n${errors}")
endif()
if(QD_STAMP)
  file(WRITE "${QD_STAMP}" "layers ok\n")
endif()
