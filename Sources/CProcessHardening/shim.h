// Process hardening for otp-tutor: keep secrets out of core dumps.
//
// prctl(2) is variadic, which Swift cannot call; this wraps it.
#ifndef CPROCESSHARDENING_SHIM_H
#define CPROCESSHARDENING_SHIM_H

#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

// No core file (RLIMIT_CORE 0) and, on Linux, not dumpable (PR_SET_DUMPABLE 0: no core
// even if the limit is raised again, no ptrace attach by other processes of the user).
// Returns 0 when both took effect.
static inline int hardening_disable_core_dumps(void) {
  struct rlimit none = {0, 0};
  int result = setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) result = -1;
#endif
  return result;
}

// Whether the process may dump core: 1 or 0, as PR_GET_DUMPABLE says; -1 where unknown.
static inline int hardening_is_dumpable(void) {
#ifdef __linux__
  return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#else
  return -1;
#endif
}

#endif  // CPROCESSHARDENING_SHIM_H
