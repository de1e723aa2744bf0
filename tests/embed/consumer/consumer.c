/* A C embedder built with `pkg-config --cflags --libs lambdafit`. Usage: consumer_c WORKLOAD */
#include <lambdafit/lambdafit.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  lambdafit_rulepack* pack = NULL;
  char* error = NULL;
  if (lambdafit_rulepack_load(NULL, 0, &pack, &error) != LAMBDAFIT_OK) {
    fprintf(stderr, "%s\n", error);
    lambdafit_string_free(error);
    return 1;
  }
  char request[4096];
  snprintf(request, sizeof request, "{\"workload\": {\"path\": \"%s\"}}", argv[1]);
  char* report = NULL;
  lambdafit_status status = lambdafit_assess(pack, request, &report, &error);
  if (status == LAMBDAFIT_OK) printf("%s\n", report);
  else fprintf(stderr, "%s: %s\n", lambdafit_status_string(status), error);
  lambdafit_string_free(report);
  lambdafit_string_free(error);
  lambdafit_rulepack_free(pack);
  return status == LAMBDAFIT_OK ? 0 : 1;
}
