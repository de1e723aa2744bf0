// The shared library's own translation unit. CMake needs one source per SHARED target; all
// of lambdafit's code comes from the static archive, linked in whole (lib/CMakeLists.txt).
