# Debian's SOCI ships no CMake config file: its targets are declared here by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIB soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIB soci_postgresql REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(SQLite3 REQUIRED)

add_library(SOCI::core UNKNOWN IMPORTED)
set_target_properties(SOCI::core PROPERTIES
  IMPORTED_LOCATION ${SOCI_CORE_LIB}
  INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}")
add_library(SOCI::sqlite3 UNKNOWN IMPORTED)
set_target_properties(SOCI::sqlite3 PROPERTIES
  IMPORTED_LOCATION ${SOCI_SQLITE3_LIB}
  INTERFACE_LINK_LIBRARIES "SOCI::core;SQLite::SQLite3")
add_library(SOCI::postgresql UNKNOWN IMPORTED)
set_target_properties(SOCI::postgresql PROPERTIES
  IMPORTED_LOCATION ${SOCI_POSTGRESQL_LIB}
  INTERFACE_INCLUDE_DIRECTORIES "${PostgreSQL_INCLUDE_DIRS}"
  INTERFACE_LINK_LIBRARIES "SOCI::core;${PostgreSQL_LIBRARIES}")

find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CURL REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# Content codings: gzip (zlib1g-dev) and Brotli (libbrotli-dev).
find_package(ZLIB REQUIRED)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)

# RESTinio and kainjow mustache are header-only; RESTinio needs standalone Asio.
find_path(RESTINIO_INCLUDE_DIR restinio/all.hpp REQUIRED)
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(restinio INTERFACE)
target_include_directories(restinio SYSTEM INTERFACE ${RESTINIO_INCLUDE_DIR} ${ASIO_INCLUDE_DIR})
target_compile_definitions(restinio INTERFACE ASIO_STANDALONE)
find_library(HTTP_PARSER_LIB http_parser REQUIRED)
target_link_libraries(restinio INTERFACE fmt::fmt ${HTTP_PARSER_LIB} Threads::Threads)
