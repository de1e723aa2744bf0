/* The C API from C: every handle and string freed, every error path returning a message.
 * Run under valgrind (or LeakSanitizer) by CTest. Usage: c_api_test RULES_DIR SAMPLES_DIR */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lambdafit/lambdafit.h"

static int failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

static int contains(const char* haystack, const char* needle) {
  return haystack && strstr(haystack, needle) != NULL;
}

static const char* samples;

/* Builds a request for a sample with extra JSON members appended (may be ""). */
static char* request_for(const char* sample, const char* extra) {
  size_t n = strlen(samples) + strlen(sample) + strlen(extra) + 64;
  char* buf = malloc(n);
  snprintf(buf, n, "{\"workload\": {\"path\": \"%s/%s\"}%s}", samples, sample, extra);
  return buf;
}

/* Runs one request and checks its status and that the error (or report) holds `expect`. */
static void expect(const lambdafit_rulepack* pack, const char* request, lambdafit_status want,
                   const char* expect_text) {
  char* report = NULL;
  char* error = NULL;
  lambdafit_status got = lambdafit_assess(pack, request, &report, &error);
  if (got != want) fprintf(stderr, "request %s: got status %d (%s), error: %s\n", request, got,
                           lambdafit_status_string(got), error ? error : "(none)");
  CHECK(got == want);
  if (want == LAMBDAFIT_OK) {
    CHECK(error == NULL);
    CHECK(contains(report, expect_text));
  } else {
    CHECK(report == NULL);
    if (!contains(error, expect_text))
      fprintf(stderr, "expected '%s' in error: %s\n", expect_text, error ? error : "(none)");
    CHECK(contains(error, expect_text));
    /* Callers print their own "error:"; the text must not carry one. */
    CHECK(error && strncmp(error, "error:", 6) != 0 && !contains(error, ": error: "));
  }
  lambdafit_string_free(report);
  lambdafit_string_free(error);
}

struct progress_log {
  int calls;
  int cancel_at; /* cancel on this call number; 0 = never */
  int saw_walk;
};

static int on_progress(void* user, const char* stage, size_t done, size_t total, const char* item) {
  struct progress_log* log = user;
  (void)done;
  (void)total;
  (void)item;
  ++log->calls;
  if (strcmp(stage, "walk") == 0) log->saw_walk = 1;
  return log->cancel_at != 0 && log->calls >= log->cancel_at;
}

struct thread_job {
  const lambdafit_rulepack* pack;
  char* request;
  lambdafit_status status;
  char* report;
};

static void* run_job(void* arg) {
  struct thread_job* job = arg;
  job->status = lambdafit_assess(job->pack, job->request, &job->report, NULL);
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: c_api_test RULES_DIR SAMPLES_DIR\n");
    return 2;
  }
  const char* rules = argv[1];
  samples = argv[2];

  CHECK(strcmp(lambdafit_version(), LAMBDAFIT_VERSION_STRING) == 0);
  CHECK(strcmp(lambdafit_status_string(LAMBDAFIT_ERROR_REQUEST), "request error") == 0);

  /* Loading: a missing directory, then the real pack. */
  lambdafit_rulepack* pack = NULL;
  char* error = NULL;
  const char* missing[] = {"/nonexistent/lambdafit-rules"};
  CHECK(lambdafit_rulepack_load(missing, 1, &pack, &error) == LAMBDAFIT_ERROR_INPUT);
  CHECK(pack == NULL);
  CHECK(contains(error, "/nonexistent/lambdafit-rules"));
  lambdafit_string_free(error);
  CHECK(lambdafit_rulepack_load(NULL, 1, &pack, &error) == LAMBDAFIT_ERROR_ARGUMENT);
  lambdafit_string_free(error);

  const char* dirs[] = {rules};
  CHECK(lambdafit_rulepack_load(dirs, 1, &pack, &error) == LAMBDAFIT_OK);
  CHECK(error == NULL);
  if (!pack) return 1;

  /* Broken packs on top of the real one: clear errors with positions, never a crash. */
  {
    static const char* const cases[][2] = {
        {"when-empty-map", "bad.yaml:6:11: an empty condition tests nothing"},
        {"when-empty-list", "bad.yaml:6:11: an empty condition list holds for every workload"},
        {"misspelt-limit", "bad.yaml:8:11: unknown platform limit 'timout'; did you mean 'timeout'?"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
      char bad[4096];
      snprintf(bad, sizeof bad, "%s/../tests/embed/bad_packs/%s", samples, cases[i][0]);
      const char* both[] = {rules, bad};
      lambdafit_rulepack* broken = NULL;
      char* why = NULL;
      CHECK(lambdafit_rulepack_load(both, 2, &broken, &why) == LAMBDAFIT_ERROR_INPUT);
      CHECK(broken == NULL);
      if (!contains(why, cases[i][1])) fprintf(stderr, "%s: got: %s\n", cases[i][0], why ? why : "(null)");
      CHECK(contains(why, cases[i][1]));
      lambdafit_string_free(why);
    }
  }

  /* The default pack loads too (from the source tree when run from the build tree). */
  lambdafit_rulepack* default_pack = NULL;
  CHECK(lambdafit_rulepack_load(NULL, 0, &default_pack, NULL) == LAMBDAFIT_OK);
  lambdafit_rulepack_free(default_pack);

  char* description = NULL;
  CHECK(lambdafit_rulepack_describe(pack, &description, NULL) == LAMBDAFIT_OK);
  CHECK(contains(description, "\"aws-lambda\""));
  CHECK(contains(description, "\"runtime.max_seconds\""));
  lambdafit_string_free(description);

  /* A good request, with answers and a platform given in the request. */
  char* req = request_for("s3-thumbnailer", ", \"platform\": \"aws-lambda\", "
                                            "\"answers\": {\"runtime.max_seconds\": 40}");
  expect(pack, req, LAMBDAFIT_OK, "\"verdict\"");
  expect(pack, req, LAMBDAFIT_OK, "\"id\": \"aws-lambda\"");
  free(req);
  req = request_for("s3-thumbnailer", ", \"formats\": [\"md\"]");
  expect(pack, req, LAMBDAFIT_OK, "s3-thumbnailer");
  free(req);

  /* Error paths. */
  req = request_for("no-such-workload", "");
  expect(pack, req, LAMBDAFIT_ERROR_INPUT, "does not exist");
  free(req);
  expect(pack, "{\"workload\": {\"path\": ", LAMBDAFIT_ERROR_REQUEST, "<request>:1:");
  expect(pack, "{\"workload\": {}}", LAMBDAFIT_ERROR_REQUEST, "missing 'workload.path'");
  req = request_for("s3-thumbnailer", ", \"answers\": {\"runtime.max_seconds\": {\"by\": \"me\"}}");
  expect(pack, req, LAMBDAFIT_ERROR_REQUEST, "has no 'value'");
  free(req);
  req = request_for("s3-thumbnailer", ", \"answers\": {\"runtime.max_secs\": 40}");
  expect(pack, req, LAMBDAFIT_ERROR_INPUT, "did you mean 'runtime.max_seconds'");
  free(req);
  req = request_for("s3-thumbnailer", ", \"answers\": {\"runtime.max_seconds\": \"soon\"}");
  expect(pack, req, LAMBDAFIT_ERROR_INPUT, "bad answer for 'runtime.max_seconds'");
  free(req);
  req = request_for("s3-thumbnailer", ", \"platform\": \"aws-lamda\"");
  expect(pack, req, LAMBDAFIT_ERROR_INPUT, "unknown platform 'aws-lamda'");
  free(req);

  /* NULL arguments. */
  char* report = NULL;
  CHECK(lambdafit_assess(NULL, "{}", &report, &error) == LAMBDAFIT_ERROR_ARGUMENT);
  CHECK(report == NULL);
  lambdafit_string_free(error);
  CHECK(lambdafit_assess(pack, NULL, &report, NULL) == LAMBDAFIT_ERROR_ARGUMENT);
  CHECK(lambdafit_rulepack_describe(pack, NULL, NULL) == LAMBDAFIT_ERROR_ARGUMENT);
  lambdafit_rulepack_free(NULL);
  lambdafit_cancel_free(NULL);
  lambdafit_string_free(NULL);

  /* Progress and cancellation. */
  req = request_for("s3-thumbnailer", "");
  struct progress_log log = {0, 0, 0};
  CHECK(lambdafit_assess_ex(pack, req, on_progress, &log, NULL, &report, &error) == LAMBDAFIT_OK);
  CHECK(log.calls > 0);
  CHECK(log.saw_walk);
  lambdafit_string_free(report);
  lambdafit_string_free(error);

  struct progress_log stop = {0, 1, 0};
  CHECK(lambdafit_assess_ex(pack, req, on_progress, &stop, NULL, &report, &error) == LAMBDAFIT_ERROR_CANCELLED);
  CHECK(stop.calls == 1);
  CHECK(report == NULL);
  CHECK(contains(error, "cancelled"));
  lambdafit_string_free(error);

  lambdafit_cancel* cancel = lambdafit_cancel_new();
  CHECK(lambdafit_assess_ex(pack, req, NULL, NULL, cancel, &report, &error) == LAMBDAFIT_OK);
  lambdafit_string_free(report);
  lambdafit_cancel_raise(cancel);
  CHECK(lambdafit_assess_ex(pack, req, NULL, NULL, cancel, &report, &error) == LAMBDAFIT_ERROR_CANCELLED);
  CHECK(contains(error, "cancelled"));
  lambdafit_string_free(error);
  lambdafit_cancel_free(cancel);

  /* Several threads on one pack. */
  enum { kThreads = 3 };
  struct thread_job jobs[kThreads];
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    jobs[i].pack = pack;
    jobs[i].request = req;
    jobs[i].report = NULL;
    CHECK(pthread_create(&threads[i], NULL, run_job, &jobs[i]) == 0);
  }
  for (int i = 0; i < kThreads; ++i) {
    pthread_join(threads[i], NULL);
    CHECK(jobs[i].status == LAMBDAFIT_OK);
    CHECK(contains(jobs[i].report, "\"workload\""));
    lambdafit_string_free(jobs[i].report);
  }
  free(req);

  lambdafit_rulepack_free(pack);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("c api: all checks passed\n");
  return failures ? 1 : 0;
}
