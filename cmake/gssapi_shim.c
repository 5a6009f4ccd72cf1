/* libgit2.a refers to GSSAPI for HTTP "Negotiate" authentication, which nbloop never uses
 * (it never talks to a remote). Linking the real libgssapi_krb5 would load seven Kerberos
 * libraries on every start (about 1 ms, measured); these definitions satisfy the linker and
 * make any such call fail with GSS_S_FAILURE. */
typedef unsigned int OM_uint32;
#define NBLOOP_GSS_FAIL(name) \
  OM_uint32 name(OM_uint32* minor) { \
    if (minor) { *minor = 0; } \
    return 13u << 16; \
  }
NBLOOP_GSS_FAIL(gss_delete_sec_context)
NBLOOP_GSS_FAIL(gss_display_status)
NBLOOP_GSS_FAIL(gss_import_name)
NBLOOP_GSS_FAIL(gss_indicate_mechs)
NBLOOP_GSS_FAIL(gss_init_sec_context)
NBLOOP_GSS_FAIL(gss_release_buffer)
NBLOOP_GSS_FAIL(gss_release_name)
NBLOOP_GSS_FAIL(gss_release_oid_set)
void* GSS_C_NT_HOSTBASED_SERVICE = 0;
