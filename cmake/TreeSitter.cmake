# Builds tree-sitter's C runtime and the Python grammar from the npm tarballs that scripts/setup
# unpacked into third_party/npm/, after checking each tarball against scripts/deps.lock.
file(STRINGS "${PROJECT_SOURCE_DIR}/scripts/deps.lock" _nbloop_lock REGEX "^[a-z]")
set(_npm_dir "${PROJECT_SOURCE_DIR}/third_party/npm")
foreach(_line IN LISTS _nbloop_lock)
  string(REPLACE " " ";" _fields "${_line}")
  list(GET _fields 0 _name)
  list(GET _fields 1 _version)
  list(GET _fields 3 _hex)
  set(_tgz "${_npm_dir}/${_name}-${_version}.tgz")
  if(NOT EXISTS "${_tgz}" OR NOT EXISTS "${_npm_dir}/${_name}-${_version}/package.json")
    message(FATAL_ERROR "${_name} ${_version} is missing: run scripts/setup first")
  endif()
  file(SHA512 "${_tgz}" _actual)
  if(NOT _actual STREQUAL _hex)
    message(FATAL_ERROR "${_tgz}: sha512 ${_actual} does not match scripts/deps.lock; re-run scripts/setup")
  endif()
  string(TOUPPER "${_name}" _var)
  string(REPLACE "-" "_" _var "${_var}")
  set(NBLOOP_${_var}_VERSION "${_version}")
  set(NBLOOP_${_var}_DIR "${_npm_dir}/${_name}-${_version}")
endforeach()

add_library(tree_sitter_runtime STATIC "${NBLOOP_TREE_SITTER_DIR}/vendor/tree-sitter/lib/src/lib.c")
target_include_directories(tree_sitter_runtime SYSTEM PUBLIC
  "${NBLOOP_TREE_SITTER_DIR}/vendor/tree-sitter/lib/include")
target_include_directories(tree_sitter_runtime PRIVATE
  "${NBLOOP_TREE_SITTER_DIR}/vendor/tree-sitter/lib/src")
target_compile_definitions(tree_sitter_runtime PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
set_target_properties(tree_sitter_runtime PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)

add_library(tree_sitter_python STATIC
  "${NBLOOP_TREE_SITTER_PYTHON_DIR}/src/parser.c"
  "${NBLOOP_TREE_SITTER_PYTHON_DIR}/src/scanner.c")
target_include_directories(tree_sitter_python PRIVATE "${NBLOOP_TREE_SITTER_PYTHON_DIR}/src")
set_target_properties(tree_sitter_python PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_link_libraries(tree_sitter_python PUBLIC tree_sitter_runtime)
