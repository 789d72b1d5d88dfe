# The wasm preset's toolchain file: emscripten's own, found where the machine has it.
#   QD_EMSCRIPTEN_TOOLCHAIN (cache) > $EMSCRIPTEN_ROOT/cmake/Modules/Platform/Emscripten.cmake (e.g. an emsdk's
#   upstream/emscripten) > Debian's /usr/share/emscripten (package emscripten, tools/setup.sh).
if(NOT QD_EMSCRIPTEN_TOOLCHAIN)
  if(DEFINED ENV{EMSCRIPTEN_ROOT})
    set(QD_EMSCRIPTEN_TOOLCHAIN "$ENV{EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")
  else()
    set(QD_EMSCRIPTEN_TOOLCHAIN "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake")
  endif()
  set(QD_EMSCRIPTEN_TOOLCHAIN "${QD_EMSCRIPTEN_TOOLCHAIN}" CACHE FILEPATH "emscripten's Emscripten.cmake")
endif()
if(NOT EXISTS "${QD_EMSCRIPTEN_TOOLCHAIN}")
  message(FATAL_ERROR "emscripten not found at ${QD_EMSCRIPTEN_TOOLCHAIN}: install it (tools/setup.sh) or set "
                      "QD_EMSCRIPTEN_TOOLCHAIN / EMSCRIPTEN_ROOT")
endif()
# try_compile projects read this file again: hand them the same choice.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES QD_EMSCRIPTEN_TOOLCHAIN)
include("${QD_EMSCRIPTEN_TOOLCHAIN}")
