// libzbar, loaded with dlopen the first time an image is read (zbar.h supplies the types).
//
// libzbar pulls in 17 libraries (X11, D-Bus, systemd, V4L) that otp-tutor never uses; linked
// normally they would be loaded, and cost start-up time, in every session. Loaded on demand,
// a machine without libzbar still runs everything but reading QR images.

#ifndef CZBAR_SHIM_H
#define CZBAR_SHIM_H

#include <dlfcn.h>
#include <stddef.h>
#include <zbar.h>

/// The libzbar functions the QR reader calls, typed from zbar.h's own declarations.
typedef struct {
  __typeof__(zbar_image_scanner_create) *image_scanner_create;
  __typeof__(zbar_image_scanner_destroy) *image_scanner_destroy;
  __typeof__(zbar_image_scanner_set_config) *image_scanner_set_config;
  __typeof__(zbar_image_create) *image_create;
  __typeof__(zbar_image_destroy) *image_destroy;
  __typeof__(zbar_image_set_format) *image_set_format;
  __typeof__(zbar_image_set_size) *image_set_size;
  __typeof__(zbar_image_set_data) *image_set_data;
  __typeof__(zbar_scan_image) *scan_image;
  __typeof__(zbar_image_first_symbol) *image_first_symbol;
  __typeof__(zbar_symbol_next) *symbol_next;
  __typeof__(zbar_symbol_get_type) *symbol_get_type;
  __typeof__(zbar_symbol_get_data) *symbol_get_data;
  __typeof__(zbar_symbol_get_data_length) *symbol_get_data_length;
} czbar_api;

/// Opens libzbar from `file` (a soname or a path) and looks up its functions into `api`.
/// Returns NULL on success, else dlerror's message (the library or a function is missing).
/// Swift calls it from a lazily initialised global, trying the usual files in turn; the library
/// stays loaded.
static inline const char *czbar_load(czbar_api *api, const char *file) {
  void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return dlerror();
#define CZBAR_FIND(field, symbol)                 \
  if ((api->field = (__typeof__(symbol) *)dlsym(library, #symbol)) == NULL) return dlerror();
  CZBAR_FIND(image_scanner_create, zbar_image_scanner_create)
  CZBAR_FIND(image_scanner_destroy, zbar_image_scanner_destroy)
  CZBAR_FIND(image_scanner_set_config, zbar_image_scanner_set_config)
  CZBAR_FIND(image_create, zbar_image_create)
  CZBAR_FIND(image_destroy, zbar_image_destroy)
  CZBAR_FIND(image_set_format, zbar_image_set_format)
  CZBAR_FIND(image_set_size, zbar_image_set_size)
  CZBAR_FIND(image_set_data, zbar_image_set_data)
  CZBAR_FIND(scan_image, zbar_scan_image)
  CZBAR_FIND(image_first_symbol, zbar_image_first_symbol)
  CZBAR_FIND(symbol_next, zbar_symbol_next)
  CZBAR_FIND(symbol_get_type, zbar_symbol_get_type)
  CZBAR_FIND(symbol_get_data, zbar_symbol_get_data)
  CZBAR_FIND(symbol_get_data_length, zbar_symbol_get_data_length)
#undef CZBAR_FIND
  return NULL;
}

/// The fourcc of 8-bit grayscale images, one byte a pixel ("Y800"); zbar_fourcc is a
/// function-like macro, which Swift cannot call.
static inline unsigned long czbar_format_y800(void) {
  return zbar_fourcc('Y', '8', '0', '0');
}

#endif  // CZBAR_SHIM_H
