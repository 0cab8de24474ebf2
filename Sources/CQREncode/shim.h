// Small C wrappers over libqrencode (qrencode.h) for the QR target.
//
// libqrencode reports why an encoding failed through errno, a mutable C
// global that Swift 6 code should not touch; the wrapper below hands it back
// through an out-parameter instead.

#ifndef CQRENCODE_SHIM_H
#define CQRENCODE_SHIM_H

#include <qrencode.h>

#include <errno.h>
#include <stddef.h>

/// Encodes `size` bytes in 8-bit mode in the smallest version (1...40) that
/// holds them at `level`. Returns the symbol (free it with QRcode_free), or
/// NULL with `*error` set to the errno libqrencode left: ERANGE when the data
/// does not fit in version 40, EINVAL for invalid input, ENOMEM when out of
/// memory.
static inline QRcode *cqr_encode_bytes(const unsigned char *data, int size,
                                       QRecLevel level, int *error) {
  errno = 0;
  QRcode *code = QRcode_encodeData(size, data, 0, level);
  *error = code == NULL ? errno : 0;
  return code;
}

static inline int cqr_error_range(void) { return ERANGE; }
static inline int cqr_error_invalid(void) { return EINVAL; }
static inline int cqr_error_memory(void) { return ENOMEM; }

#endif  // CQRENCODE_SHIM_H
