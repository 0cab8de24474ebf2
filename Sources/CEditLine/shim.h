// libedit (histedit.h), loaded with dlopen when a line editor is first made, and small C
// wrappers over it for the LineEditor target.
//
// libedit is needed only when standard input is a terminal. Loaded on demand, scripts and
// pipes never load it (or the libtinfo, libbsd and libmd it brings), which keeps start-up
// short, and a machine without it still runs the shell, without line editing.
//
// Swift cannot call C variadic functions (el_set, el_get, history) and, in
// the Swift 6 language mode, should not touch mutable C globals (stdin,
// errno, a signal flag). Each wrapper below is a `static inline` function
// with a fixed signature, given the table of libedit's functions (`le_api`).
//
// Everything here is compiled into whichever Swift object file calls it (a
// release build makes one object file per Swift source file, and
// cross-module optimization copies callers into other modules), so a
// `static` variable would exist once per object file: the signal handler
// would set one copy and the readers read another. Hence per-editor state
// lives in a heap-allocated `le_state` reached through EL_CLIENTDATA, and
// the two variables the whole program shares are weak definitions, which
// the linker merges into one.

#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

#include <histedit.h>

#include <dlfcn.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

// MARK: - Loading libedit

/// The libedit functions used here, typed from histedit.h's own declarations.
typedef struct {
  __typeof__(el_init) *el_init;
  __typeof__(el_end) *el_end;
  __typeof__(el_set) *el_set;
  __typeof__(el_get) *el_get;
  __typeof__(el_gets) *el_gets;
  __typeof__(el_wline) *el_wline;
  __typeof__(el_line) *el_line;
  __typeof__(el_cursor) *el_cursor;
  __typeof__(el_push) *el_push;
  __typeof__(el_deletestr) *el_deletestr;
  __typeof__(el_insertstr) *el_insertstr;
  __typeof__(history_init) *history_init;
  __typeof__(history_end) *history_end;
  __typeof__(history) *history;
} le_api;

/// Opens libedit from `file` (a soname or a path) and looks up its functions into `api`.
/// Returns NULL on success, else dlerror's message (the library or a function is missing).
/// Swift calls it from a lazily initialised global, trying the usual files in turn; the library
/// stays loaded.
static inline const char *le_load(le_api *api, const char *file) {
  void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return dlerror();
#define LE_FIND(symbol)                 \
  if ((api->symbol = (__typeof__(symbol) *)dlsym(library, #symbol)) == NULL) return dlerror();
  LE_FIND(el_init)
  LE_FIND(el_end)
  LE_FIND(el_set)
  LE_FIND(el_get)
  LE_FIND(el_gets)
  LE_FIND(el_wline)
  LE_FIND(el_line)
  LE_FIND(el_cursor)
  LE_FIND(el_push)
  LE_FIND(el_deletestr)
  LE_FIND(el_insertstr)
  LE_FIND(history_init)
  LE_FIND(history_end)
  LE_FIND(history)
#undef LE_FIND
  return NULL;
}

// MARK: - Standard streams and locale

static inline FILE *le_stdin(void) { return stdin; }
static inline FILE *le_stdout(void) { return stdout; }
static inline FILE *le_stderr(void) { return stderr; }

static inline int le_errno(void) { return errno; }

/// Whether the current LC_CTYPE locale encodes characters as UTF-8.
static inline int le_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL
      && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Selects the environment's LC_CTYPE locale, falling back to C.UTF-8 when
/// that locale is not UTF-8. Returns whether a UTF-8 locale is in effect.
static inline int le_use_utf8_locale(void) {
  if (setlocale(LC_CTYPE, "") != NULL && le_locale_is_utf8()) return 1;
  if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && le_locale_is_utf8()) return 1;
  if (setlocale(LC_CTYPE, "C.utf8") != NULL && le_locale_is_utf8()) return 1;
  return 0;
}

// MARK: - Terminal

/// The width of the terminal on `fd` in columns, or 0 when unknown.
static inline int le_terminal_columns(int fd) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 0;
}

/// The number of columns `c` takes on a terminal, or -1 if not printable.
static inline int le_char_width(wchar_t c) {
  extern int wcwidth(wchar_t);
  return wcwidth(c);
}

// MARK: - SIGINT flag

/// Set by the SIGINT handler; one for the whole program (see the top of this file).
__attribute__((weak)) volatile sig_atomic_t le_sigint_flag = 0;

static inline void le_sigint_handler(int signo) {
  (void)signo;
  le_sigint_flag = 1;
}

/// Installs a SIGINT handler that only sets a flag. Without SA_RESTART, so a
/// blocking read(2) fails with EINTR. Returns 0 on success, -1 on failure.
static inline int le_install_sigint_handler(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = le_sigint_handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  if (sigaction(SIGINT, &action, NULL) != 0) return -1;
  // A parent may have started us with SIGINT blocked (the mask survives exec): unblock it.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  return sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/// The address of the SIGINT flag, for code that must test it from C.
static inline volatile sig_atomic_t *le_sigint_flag_address(void) {
  return &le_sigint_flag;
}

/// Returns 1 if SIGINT arrived since the last call, and clears the flag.
static inline int le_take_flag(volatile sig_atomic_t *flag) {
  return __atomic_exchange_n(flag, 0, __ATOMIC_SEQ_CST) != 0;
}

// MARK: - Editor state

/// Called on Tab; returns a CC_* code.
typedef unsigned char (*le_complete_fn)(EditLine *el, void *context);

/// Per-editor state, reached from libedit callbacks through EL_CLIENTDATA.
typedef struct le_state {
  char *prompt;                           // owned, never NULL after creation
  le_complete_fn complete;                // may be NULL
  void *context;                          // passed to `complete`
  volatile sig_atomic_t *interrupt_flag;  // may be NULL
  int fd;                                 // input file descriptor
  int pending_byte;                       // -1, or a byte read ahead
  int interrupted;                        // set when el_gets ended by Ctrl-C
} le_state;

/// The functions the callbacks below call; set by le_editline_create, which installs them.
/// One for the whole program (see the top of this file).
__attribute__((weak)) const le_api *le_callbacks_api = NULL;

static inline le_state *le_state_of(EditLine *el) {
  void *data = NULL;
  if (le_callbacks_api == NULL || le_callbacks_api->el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return (le_state *)data;
}

/// Replaces the prompt; returns 0, or -1 when out of memory.
static inline int le_state_set_prompt(le_state *state, const char *prompt) {
  char *copy = strdup(prompt);
  if (copy == NULL) return -1;
  free(state->prompt);
  state->prompt = copy;
  return 0;
}

static inline char *le_prompt_fn(EditLine *el) {
  static char empty[1] = "";
  le_state *state = le_state_of(el);
  return state != NULL && state->prompt != NULL ? state->prompt : empty;
}

static inline unsigned char le_complete_fn_trampoline(EditLine *el, int ch) {
  (void)ch;
  le_state *state = le_state_of(el);
  if (state == NULL || state->complete == NULL) return CC_REFRESH_BEEP;
  return state->complete(el, state->context);
}

/// Bound to ^C. Reached when read(2) was interrupted by SIGINT (le_getc then
/// returns ^C) or when the terminal passes ^C through. Moves the cursor to
/// the end of the line first, so the caller's "^C" lands after the text,
/// then ends el_gets with `interrupted` set.
static inline unsigned char le_interrupt_fn(EditLine *el, int ch) {
  (void)ch;
  le_state *state = le_state_of(el);  // NULL only if no editor was made, so none calls this
  if (state == NULL) return CC_NEWLINE;
  const LineInfoW *line = le_callbacks_api->el_wline(el);
  if (line != NULL && line->cursor < line->lastchar) {
    le_callbacks_api->el_cursor(el, (int)(line->lastchar - line->cursor));
    le_callbacks_api->el_push(el, "\003");
    return CC_CURSOR;
  }
  state->interrupted = 1;
  return CC_NEWLINE;
}

/// Reads one byte, retrying after signals other than SIGINT. Returns 1 with
/// the byte, 0 at end of input, -1 on error, and -2 when SIGINT arrived.
static inline int le_read_byte(le_state *state, unsigned char *byte) {
  for (;;) {
    if (state->interrupt_flag != NULL && le_take_flag(state->interrupt_flag)) {
      return -2;
    }
    ssize_t count = read(state->fd, byte, 1);
    if (count == 1) return 1;
    if (count == 0) return 0;
    if (errno != EINTR) return -1;
  }
}

/// The EL_GETCFN read function: reads one UTF-8 encoded character with
/// read(2), decoding malformed input as U+FFFD, and turns SIGINT into ^C.
static inline int le_getc(EditLine *el, wchar_t *wc) {
  le_state *state = le_state_of(el);
  if (state == NULL) return -1;
  unsigned char byte;
  int status;
  if (state->pending_byte >= 0) {
    byte = (unsigned char)state->pending_byte;
    state->pending_byte = -1;
    status = 1;
  } else {
    status = le_read_byte(state, &byte);
  }
  if (status == -2) { *wc = 3; return 1; }
  if (status != 1) { *wc = 0; return status; }

  unsigned int length, codepoint, lower = 0x80, upper = 0xBF;
  if (byte < 0x80) { *wc = (wchar_t)byte; return 1; }
  else if (byte >= 0xC2 && byte <= 0xDF) { length = 2; codepoint = byte & 0x1F; }
  else if (byte >= 0xE0 && byte <= 0xEF) {
    length = 3; codepoint = byte & 0x0F;
    if (byte == 0xE0) lower = 0xA0;
    if (byte == 0xED) upper = 0x9F;
  } else if (byte >= 0xF0 && byte <= 0xF4) {
    length = 4; codepoint = byte & 0x07;
    if (byte == 0xF0) lower = 0x90;
    if (byte == 0xF4) upper = 0x8F;
  } else { *wc = 0xFFFD; return 1; }

  for (unsigned int i = 1; i < length; i++) {
    status = le_read_byte(state, &byte);
    if (status == -2) { *wc = 3; return 1; }
    if (status != 1) { *wc = 0xFFFD; return 1; }
    if (byte < lower || byte > upper) {
      state->pending_byte = byte;
      *wc = 0xFFFD;
      return 1;
    }
    lower = 0x80; upper = 0xBF;
    codepoint = (codepoint << 6) | (byte & 0x3F);
  }
  *wc = (wchar_t)codepoint;
  return 1;
}

// MARK: - EditLine

/// Creates an editor on the given streams with an emacs key map, a prompt
/// that treats text between '\1' markers as zero-width, Tab bound to the
/// completion callback, ^C bound to interruption and a read function that
/// turns SIGINT into ^C. `api` and `state` must outlive the editor.
static inline EditLine *le_editline_create(
    const le_api *api, const char *program, FILE *in, FILE *out, FILE *err, le_state *state) {
  EditLine *el = api->el_init(program, in, out, err);
  if (el == NULL) return NULL;
  le_callbacks_api = api;
  state->fd = fileno(in);
  state->pending_byte = -1;
  api->el_set(el, EL_CLIENTDATA, (void *)state);
  api->el_set(el, EL_EDITOR, "emacs");
  api->el_set(el, EL_SIGNAL, 0);
  api->el_set(el, EL_PROMPT_ESC, le_prompt_fn, '\1');
  api->el_set(el, EL_GETCFN, le_getc);
  api->el_set(el, EL_ADDFN, "le-complete", "Complete the word before the cursor",
              le_complete_fn_trampoline);
  api->el_set(el, EL_BIND, "^I", "le-complete", NULL);
  api->el_set(el, EL_ADDFN, "le-interrupt", "Abandon the line (Ctrl-C)",
              le_interrupt_fn);
  api->el_set(el, EL_BIND, "^C", "le-interrupt", NULL);
  // Ctrl-Left and Ctrl-Right move by words, as in most terminals' shells.
  api->el_set(el, EL_BIND, "\033[1;5D", "ed-prev-word", NULL);
  api->el_set(el, EL_BIND, "\033[1;5C", "em-next-word", NULL);
  // Home, End and Delete as tmux, screen, rxvt and the Linux console send them, whatever TERM
  // says (libedit binds only the terminal description's own forms).
  api->el_set(el, EL_BIND, "\033[1~", "ed-move-to-beg", NULL);
  api->el_set(el, EL_BIND, "\033[7~", "ed-move-to-beg", NULL);
  api->el_set(el, EL_BIND, "\033[4~", "ed-move-to-end", NULL);
  api->el_set(el, EL_BIND, "\033[8~", "ed-move-to-end", NULL);
  api->el_set(el, EL_BIND, "\033[3~", "ed-delete-next-char", NULL);
  return el;
}

static inline void le_editline_set_history(const le_api *api, EditLine *el, History *h) {
  api->el_set(el, EL_HIST, api->history, h);
}

// MARK: - History

static inline int le_history_set_size(const le_api *api, History *h, int size) {
  HistEvent event;
  return api->history(h, &event, H_SETSIZE, size);
}

static inline int le_history_set_unique(const le_api *api, History *h, int unique) {
  HistEvent event;
  return api->history(h, &event, H_SETUNIQUE, unique);
}

static inline int le_history_enter(const le_api *api, History *h, const char *line) {
  HistEvent event;
  return api->history(h, &event, H_ENTER, line);
}

static inline int le_history_load(const le_api *api, History *h, const char *path) {
  HistEvent event;
  return api->history(h, &event, H_LOAD, path);
}

// The history file's contents in memory (free() them), so that the caller writes the file
// itself, through its own safe temporary file; NULL on failure. libedit writes to an
// anonymous temporary file (tmpfile(3): created unnamed, so nothing can be planted in its
// place), which is read back; a memory stream would not do, as libedit fchmods the file.
static inline char *le_history_save_to_memory(const le_api *api, History *h, size_t *length) {
  FILE *stream = tmpfile();
  if (stream == NULL) return NULL;
  HistEvent event;
  char *buffer = NULL;
  if (api->history(h, &event, H_SAVE_FP, stream) >= 0 && fflush(stream) == 0) {
    long size = ftell(stream);
    if (size >= 0 && fseek(stream, 0, SEEK_SET) == 0) {
      buffer = malloc((size_t)size + 1);
      if (buffer != NULL && fread(buffer, 1, (size_t)size, stream) == (size_t)size) {
        *length = (size_t)size;
      } else {
        free(buffer);
        buffer = NULL;
      }
    }
  }
  fclose(stream);
  return buffer;
}

#endif  // CEDITLINE_SHIM_H
