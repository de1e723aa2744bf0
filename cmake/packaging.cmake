# `cpack -G DEB`: one Debian package with the tool, both libraries, headers, rule pack,
# schemas, CMake package and pkg-config file. dpkg-shlibdeps computes the shared-library
# dependencies from the installed binaries; clang's builtin headers (stddef.h, …) are read
# at run time, not linked, so their package is named explicitly.
set(CPACK_PACKAGE_NAME lambdafit)
set(CPACK_PACKAGE_VENDOR "lambdafit")
set(CPACK_PACKAGE_CONTACT "lambdafit maintainers <maintainers@lambdafit.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The clang builtin headers live in the same directory the library was built against. The C
# and C++ system headers are needed too: without them calls such as getpwnam or setrlimit in
# the scanned code do not resolve, and the matchers that look for them find nothing (seen on a
# debootstrapped Debian 12 that had only the runtime libraries).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libclang-common-${LLVM_VERSION_MAJOR}-dev, libc6-dev, libstdc++-12-dev")
set(CPACK_PACKAGE_DESCRIPTION
    "lambdafit reads a workload's source tree and deployment files, asks what code cannot \
show, and scores its fit for AWS Lambda and its peers, with evidence for every conclusion. \
This package holds the command-line tool, the C and C++ libraries with their headers, \
CMake and pkg-config files, the rule pack and the JSON schemas.")
include(CPack)
