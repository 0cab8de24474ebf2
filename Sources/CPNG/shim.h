// Small C wrappers over libpng's simplified API (png.h) for the QR target.
//
// Only the png_image_* functions are used: they catch libpng's longjmp-based
// errors themselves and report them in `png_image.message`, so no setjmp is
// needed on the Swift side. The wrappers replace function-like macros, which
// Swift cannot call.

#ifndef CPNG_SHIM_H
#define CPNG_SHIM_H

#include <png.h>

#include <string.h>

/// A png_image ready for png_image_begin_read_* or png_image_write_*: all
/// zero, with the version set.
static inline png_image cpng_image_new(void) {
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  return image;
}

/// Whether the last png_image_* call on `image` failed (PNG_IMAGE_FAILED).
static inline int cpng_image_failed(const png_image *image) {
  return PNG_IMAGE_FAILED(*image) ? 1 : 0;
}

/// Whether the first `size` bytes of `bytes` start with the 8-byte PNG signature.
static inline int cpng_has_signature(const unsigned char *bytes, size_t size) {
  return size >= 8 && png_sig_cmp(bytes, 0, 8) == 0;
}

#endif  // CPNG_SHIM_H
