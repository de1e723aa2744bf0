# The CMake package (find_package(lambdafit) -> lambdafit::lambdafit) and the pkg-config
# file, installed next to the libraries. Included from lib/CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(LAMBDAFIT_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/lambdafit")
install(EXPORT lambdafitTargets NAMESPACE lambdafit:: DESTINATION ${LAMBDAFIT_CMAKE_DIR})
install(EXPORT lambdafitStaticTargets NAMESPACE lambdafit:: DESTINATION ${LAMBDAFIT_CMAKE_DIR})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/lambdafitConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/lambdafitConfig.cmake
  INSTALL_DESTINATION ${LAMBDAFIT_CMAKE_DIR}
  PATH_VARS LAMBDAFIT_RULES_INSTALL_DIR CMAKE_INSTALL_DATADIR)
# 0.x: only the same MAJOR.MINOR is compatible (see the SONAME in lib/CMakeLists.txt).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(LAMBDAFIT_COMPATIBILITY SameMinorVersion)
else()
  set(LAMBDAFIT_COMPATIBILITY SameMajorVersion)
endif()
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/lambdafitConfigVersion.cmake
  COMPATIBILITY ${LAMBDAFIT_COMPATIBILITY})
install(FILES ${PROJECT_BINARY_DIR}/cmake/lambdafitConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/lambdafitConfigVersion.cmake
        DESTINATION ${LAMBDAFIT_CMAKE_DIR})

# pkg-config: relocatable, paths relative to the .pc file's own directory.
set(LAMBDAFIT_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
file(RELATIVE_PATH LAMBDAFIT_PC_TO_PREFIX "/root/${LAMBDAFIT_PC_DIR}" "/root")
string(REGEX REPLACE "/$" "" LAMBDAFIT_PC_TO_PREFIX "${LAMBDAFIT_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/lambdafit.pc.in ${PROJECT_BINARY_DIR}/lambdafit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/lambdafit.pc DESTINATION ${LAMBDAFIT_PC_DIR})
