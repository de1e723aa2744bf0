/* lambdafit C API: for tools written in other languages (Python ctypes, Go cgo, Rust FFI).
 *
 * Requests go in and reports come out as JSON text: the request is the same document that
 * `lambdafit assess --request -` reads (docs/schemas/request.schema.json, installed under
 * share/lambdafit/schemas) and the report is the JSON report (report.schema.json).
 *
 * Ownership rules:
 * - Every `char*` the library hands out (reports, descriptions, error texts) is owned by the
 *   caller and must be released with lambdafit_string_free(), and with nothing else.
 * - Handles (lambdafit_rulepack, lambdafit_cancel) are created by their *_load / *_new
 *   function and released by the matching *_free function; passing NULL to a *_free
 *   function does nothing.
 * - Strings passed in are only read during the call; the library keeps no pointer to them.
 * - `const char*` results of lambdafit_version() are static: never free them.
 *
 * Errors: functions return a lambdafit_status. When it is not LAMBDAFIT_OK and `error` is
 * not NULL, *error receives a message without an "error:" prefix, so callers can add their
 * own ("file:line:col: …" where it came from a file; several lines when there are several
 * problems). On success *error is
 * set to NULL. Output pointers are set to NULL on failure. `error` may be NULL.
 *
 * Threads: a loaded rule pack is immutable; any number of threads may call
 * lambdafit_assess() with the same pack at once. No function throws or aborts on bad input.
 */
#ifndef LAMBDAFIT_LAMBDAFIT_H
#define LAMBDAFIT_LAMBDAFIT_H

#include <stddef.h>

#include "lambdafit/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded rule pack (opaque). */
typedef struct lambdafit_rulepack lambdafit_rulepack;
/** A flag that stops a running assessment when raised from any thread (opaque). */
typedef struct lambdafit_cancel lambdafit_cancel;

typedef enum lambdafit_status {
  LAMBDAFIT_OK = 0,
  LAMBDAFIT_ERROR_ARGUMENT = 1,  /**< a required pointer was NULL */
  LAMBDAFIT_ERROR_REQUEST = 2,   /**< the request is not valid JSON or breaks its schema */
  LAMBDAFIT_ERROR_INPUT = 3,     /**< rule pack, workload, answers or platform rejected */
  LAMBDAFIT_ERROR_CANCELLED = 4, /**< stopped through a lambdafit_cancel or the callback */
  LAMBDAFIT_ERROR_INTERNAL = 5   /**< a bug in lambdafit; the message says what failed */
} lambdafit_status;

/** The library's version, "MAJOR.MINOR.PATCH" (static storage). Compare it with
 *  LAMBDAFIT_VERSION_STRING from lambdafit/version.h to detect a mismatched library. */
const char* lambdafit_version(void);

/** A short lowercase name for a status, e.g. "request error" (static storage). */
const char* lambdafit_status_string(lambdafit_status status);

/** Loads a rule pack from `count` directories, in order; with count 0 (dirs may be NULL)
 *  loads the pack installed with the library. On success *out receives a handle to free
 *  with lambdafit_rulepack_free(). */
lambdafit_status lambdafit_rulepack_load(const char* const* dirs, size_t count,
                                         lambdafit_rulepack** out, char** error);

void lambdafit_rulepack_free(lambdafit_rulepack* pack);

/** What the pack holds, as JSON: {"version", "default_platform", "platforms": [{id, name,
 *  as_of, limits}], "questions": [{id, fact, prompt, help, type, unit, choices}],
 *  "criteria": [{id, title, kind}]}. Planning tools use it to ask the right questions. */
lambdafit_status lambdafit_rulepack_describe(const lambdafit_rulepack* pack, char** json_out,
                                             char** error);

/** Assesses the workload a request names and returns the report in the requested format
 *  (JSON unless the request's "formats" says otherwise) in *report_out. */
lambdafit_status lambdafit_assess(const lambdafit_rulepack* pack, const char* request_json,
                                  char** report_out, char** error);

/** Progress: stage is "walk", "text", "tree-sitter", "scan" (C/C++), "permissions" or
 *  "evaluate"; `item` is e.g. the file being parsed.
 *  It may be called from worker threads, one call at a time. Return nonzero to cancel;
 *  once scanning is over the (short) evaluation finishes and the report is returned. */
typedef int (*lambdafit_progress_fn)(void* user_data, const char* stage, size_t done,
                                     size_t total, const char* item);

/** lambdafit_assess with a progress callback and a cancel flag (either may be NULL). */
lambdafit_status lambdafit_assess_ex(const lambdafit_rulepack* pack, const char* request_json,
                                     lambdafit_progress_fn progress, void* user_data,
                                     lambdafit_cancel* cancel, char** report_out, char** error);

lambdafit_cancel* lambdafit_cancel_new(void);
/** Raises the flag; safe from any thread while an assessment runs. A raised flag stays
 *  raised: every later assessment given it stops at once. */
void lambdafit_cancel_raise(lambdafit_cancel* cancel);
void lambdafit_cancel_free(lambdafit_cancel* cancel);

/** Releases a string returned by this library. NULL does nothing. */
void lambdafit_string_free(char* s);

#ifdef __cplusplus
}
#endif

#endif /* LAMBDAFIT_LAMBDAFIT_H */
