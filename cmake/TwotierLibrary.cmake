# One library per source folder, and headers that can be included only along the flow
# sim -> models -> analysis/<sub-folder> -> apps. A target's include root holds links to its own
# folders alone (build/include/<target>/<folder> -> <source>/<folder>), and roots propagate
# through target_link_libraries: "models/spec.hpp" is found from analysis/, but "analysis/..."
# from models/ or "models/..." from sim/ finds no file and fails to build. tests/layering checks
# that it does fail.

# twotier_expose_headers(TARGET FOLDER...): FOLDER's headers, as "FOLDER/x.hpp", to TARGET and
# (for a library) to whatever links it.
function(twotier_expose_headers target)
  set(root ${PROJECT_BINARY_DIR}/include/${target})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    set(scope PRIVATE)
  else()
    set(scope PUBLIC)
  endif()
  foreach(folder ${ARGN})
    get_filename_component(parent ${root}/${folder} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
  endforeach()
  target_include_directories(${target} ${scope} ${root})
endfunction()

# twotier_library(NAME FOLDER [LINKS dep...]): a static library of FOLDER/*.cpp whose headers
# are exposed as above, linked (publicly) to the libraries below it; position-independent when
# the Python module is built.
function(twotier_library name folder)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "" "" "LINKS")
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.cpp)
  add_library(${name} STATIC ${sources})
  # The Python module (python/) links these static libraries into a shared object.
  if(TWOTIER_PYTHON)
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    # Position-independent code lets another definition interpose any exported function, so
    # the compiler may not inline or specialise calls between a library's own functions (the
    # event handlers of models/replication_flow.cpp call each other). Nothing here relies on
    # interposition: -1.7% instructions in the Dong Nai event loop (docs/performance.md,
    # Round 5), results byte-identical.
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
      target_compile_options(${name} PRIVATE -fno-semantic-interposition)
    endif()
  endif()
  twotier_expose_headers(${name} ${folder})
  target_link_libraries(${name} PUBLIC ${ARG_LINKS})
endfunction()
