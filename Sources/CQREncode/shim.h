// libqrencode (qrencode.h), loaded with dlopen the first time a QR code is made.
//
// Loaded on demand, a session that never draws a QR code does not pay for loading the library
// at start-up, and a machine without it still runs everything else.
//
// libqrencode reports why an encoding failed through errno, a mutable C global that Swift 6
// code should not touch; the wrapper below hands it back through an out-parameter instead.

#ifndef CQRENCODE_SHIM_H
#define CQRENCODE_SHIM_H

#include <qrencode.h>

#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>

/// The libqrencode functions the QR target calls, typed from qrencode.h's own declarations.
typedef struct {
  __typeof__(QRcode_encodeData) *encode_data;
  __typeof__(QRcode_free) *free;
} cqr_api;

/// Opens libqrencode from `file` (a soname or a path) and looks up its functions into `api`.
/// Returns NULL on success, else dlerror's message (the library or a function is missing).
/// Swift calls it from a lazily initialised global, trying the usual files in turn; the library
/// stays loaded.
static inline const char *cqr_load(cqr_api *api, const char *file) {
  void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return dlerror();
  if ((api->encode_data = (__typeof__(QRcode_encodeData) *)dlsym(library, "QRcode_encodeData")) == NULL) return dlerror();
  if ((api->free = (__typeof__(QRcode_free) *)dlsym(library, "QRcode_free")) == NULL) return dlerror();
  return NULL;
}

/// Encodes `size` bytes in 8-bit mode in the smallest version (1...40) that holds them at
/// `level`. Returns the symbol (free it with `api.free`), or NULL with `*error` set to the
/// errno libqrencode left: ERANGE when the data does not fit in version 40, EINVAL for invalid
/// input, ENOMEM when out of memory.
static inline QRcode *cqr_encode_bytes(cqr_api api, const unsigned char *data, int size,
                                       QRecLevel level, int *error) {
  errno = 0;
  QRcode *code = api.encode_data(size, data, 0, level);
  *error = code == NULL ? errno : 0;
  return code;
}

static inline int cqr_error_range(void) { return ERANGE; }
static inline int cqr_error_invalid(void) { return EINVAL; }
static inline int cqr_error_memory(void) { return ENOMEM; }

#endif  // CQRENCODE_SHIM_H
