# LEMON (Debian liblemon-dev) is optional: the allocation tests and benchmarks use its network
# simplex as a reference min-cost-flow solver. Declared once here for both.
find_path(LEMON_INCLUDE_DIR lemon/network_simplex.h)
find_library(LEMON_LIBRARY NAMES lemon)
if(LEMON_INCLUDE_DIR AND LEMON_LIBRARY)
  add_library(alloc_lemon INTERFACE)
  target_include_directories(alloc_lemon SYSTEM INTERFACE ${LEMON_INCLUDE_DIR})
  target_link_libraries(alloc_lemon INTERFACE ${LEMON_LIBRARY})
  target_compile_definitions(alloc_lemon INTERFACE LATITUDES_HAVE_LEMON=1)
else()
  message(STATUS "LEMON not found: allocation tests and benchmarks run without the LEMON reference")
endif()
