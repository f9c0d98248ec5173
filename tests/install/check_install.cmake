# Installs the build into a fresh prefix and checks the layout the installed
# binaries rely on: the command line runs from bin/, and the studio finds its
# templates and its manual under share/ (studio/app/launch_options.cpp).
#   cmake -DBUILD=DIR -DPREFIX=DIR -DSTUDIO=ON|OFF -P check_install.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
set(expected bin/cepheus bin/cepheus-node share/cepheus/templates/predictive-maintenance/rules
    share/doc/cepheus/rules-language.md share/doc/cepheus/node.md)
if(STUDIO)
  list(APPEND expected bin/cepheus-studio)
endif()
foreach(path IN LISTS expected)
  if(NOT EXISTS "${PREFIX}/${path}")
    message(FATAL_ERROR "the installed layout lacks ${path}")
  endif()
endforeach()
execute_process(COMMAND "${PREFIX}/bin/cepheus" check "${PREFIX}/share/cepheus/templates/predictive-maintenance"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed cepheus does not check an installed template (${rc}): ${out}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
