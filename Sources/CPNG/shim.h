// libpng's simplified API (png.h), loaded with dlopen the first time a PNG is written or read.
//
// Loaded on demand, a session that never writes or reads an image does not pay for loading
// libpng (and the zlib it brings) at start-up, and a machine without it still runs everything
// else.
//
// Only the png_image_* functions are used: they catch libpng's longjmp-based errors themselves
// and report them in `png_image.message`, so no setjmp is needed on the Swift side. The
// wrappers replace function-like macros, which Swift cannot call.

#ifndef CPNG_SHIM_H
#define CPNG_SHIM_H

#include <png.h>

#include <dlfcn.h>
#include <string.h>

/// The libpng functions the QR target calls, typed from png.h's own declarations.
typedef struct {
  __typeof__(png_sig_cmp) *sig_cmp;
  __typeof__(png_image_begin_read_from_memory) *image_begin_read_from_memory;
  __typeof__(png_image_finish_read) *image_finish_read;
  __typeof__(png_image_write_to_memory) *image_write_to_memory;
  __typeof__(png_image_free) *image_free;
} cpng_api;

/// Opens libpng from `file` (a soname or a path) and looks up its functions into `api`.
/// Returns NULL on success, else dlerror's message (the library or a function is missing).
/// Swift calls it from a lazily initialised global, trying the usual files in turn; the library
/// stays loaded.
static inline const char *cpng_load(cpng_api *api, const char *file) {
  void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return dlerror();
#define CPNG_FIND(field, symbol)                 \
  if ((api->field = (__typeof__(symbol) *)dlsym(library, #symbol)) == NULL) return dlerror();
  CPNG_FIND(sig_cmp, png_sig_cmp)
  CPNG_FIND(image_begin_read_from_memory, png_image_begin_read_from_memory)
  CPNG_FIND(image_finish_read, png_image_finish_read)
  CPNG_FIND(image_write_to_memory, png_image_write_to_memory)
  CPNG_FIND(image_free, png_image_free)
#undef CPNG_FIND
  return NULL;
}

/// A png_image ready for png_image_begin_read_* or png_image_write_*: all
/// zero, with the version set.
static inline png_image cpng_image_new(void) {
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  return image;
}

/// Whether the first `size` bytes of `bytes` start with the 8-byte PNG signature.
static inline int cpng_has_signature(cpng_api api, const unsigned char *bytes, size_t size) {
  return size >= 8 && api.sig_cmp(bytes, 0, 8) == 0;
}

#endif  // CPNG_SHIM_H
