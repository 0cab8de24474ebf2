// Small C wrappers over libzbar (zbar.h) for the QR target.
//
// zbar_fourcc is a function-like macro, which Swift cannot call.

#ifndef CZBAR_SHIM_H
#define CZBAR_SHIM_H

#include <zbar.h>

/// The fourcc of 8-bit grayscale images, one byte a pixel ("Y800").
static inline unsigned long czbar_format_y800(void) {
  return zbar_fourcc('Y', '8', '0', '0');
}

#endif  // CZBAR_SHIM_H
