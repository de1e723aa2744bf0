// lambdafit: parse the command line, call the library, print `lambdafit: error: …`.
#include "cli.hpp"

int main(int argc, char** argv) { return lambdafit::cli::run(argc, argv); }
