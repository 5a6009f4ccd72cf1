# Links libgit2 statically when Debian's static archives are present. A dynamically linked
# libgit2 loads 18 shared libraries (TLS, SSH, Kerberos) on every start: 3.7 ms measured
# against 0.5 ms for a plain binary, which would be most of the 3 ms budget of a git clean
# filter call. The static link (with cmake/gssapi_shim.c) starts in about 0.55 ms.
set(_static_libs git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 crypto pcre2-8 z)
set(_archives "")
set(_all_found ON)
foreach(_lib IN LISTS _static_libs)
  find_library(NBLOOP_STATIC_${_lib} NAMES lib${_lib}.a)
  if(NOT NBLOOP_STATIC_${_lib})
    set(_all_found OFF)
  endif()
  list(APPEND _archives "${NBLOOP_STATIC_${_lib}}")
endforeach()
option(NBLOOP_STATIC_LIBGIT2 "Link libgit2 and its dependencies statically" ${_all_found})
if(NBLOOP_STATIC_LIBGIT2 AND _all_found)
  add_library(nbloop_gssapi_shim STATIC "${PROJECT_SOURCE_DIR}/cmake/gssapi_shim.c")
  set_target_properties(nbloop_gssapi_shim PROPERTIES C_STANDARD 11)
  set_target_properties(PkgConfig::LIBGIT2 PROPERTIES
    INTERFACE_LINK_LIBRARIES "${_archives};nbloop_gssapi_shim;rt;pthread;dl")
  set(NBLOOP_LIBGIT2_STATIC ON)
  message(STATUS "libgit2: static (${NBLOOP_STATIC_git2})")
else()
  set(NBLOOP_LIBGIT2_STATIC OFF)
  message(STATUS "libgit2: shared (static archives not found)")
endif()
