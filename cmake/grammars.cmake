# Tree-sitter grammars for the tree-sitter detector kind: the generated C parsers that
# .ci/install-deps fetched from their npm packages, verified and unpacked into a cache outside
# git. Defines the object library lambdafit_grammars, compiled into the lambdafit library.
set(LAMBDAFIT_GRAMMARS_DIR "$ENV{LAMBDAFIT_GRAMMARS_DIR}" CACHE PATH
    "Directory holding the unpacked tree-sitter grammar packages (see .ci/install-deps)")
if(NOT LAMBDAFIT_GRAMMARS_DIR)
  set(LAMBDAFIT_GRAMMARS_DIR "/var/cache/lambdafit/grammars" CACHE PATH
      "Directory holding the unpacked tree-sitter grammar packages (see .ci/install-deps)" FORCE)
endif()

# package|source directory inside it|C sources (comma-separated): one row per grammar, sorted.
set(_lambdafit_grammar_rows
  "tree-sitter-bash|src|parser.c,scanner.c"
  "tree-sitter-java|src|parser.c"
  "tree-sitter-javascript|src|parser.c,scanner.c"
  "tree-sitter-python|src|parser.c,scanner.c"
  "tree-sitter-typescript|tsx/src|parser.c,scanner.c"
  "tree-sitter-typescript|typescript/src|parser.c,scanner.c")

set(_lambdafit_grammar_sources)
set(_lambdafit_grammar_missing)
foreach(_row IN LISTS _lambdafit_grammar_rows)
  string(REPLACE "|" ";" _parts "${_row}")
  list(GET _parts 0 _package)
  list(GET _parts 1 _subdir)
  list(GET _parts 2 _files)
  string(REPLACE "," ";" _files "${_files}")
  set(_dir "${LAMBDAFIT_GRAMMARS_DIR}/${_package}/${_subdir}")
  if(NOT EXISTS "${LAMBDAFIT_GRAMMARS_DIR}/${_package}/.verified")
    list(APPEND _lambdafit_grammar_missing "${_package}")
  endif()
  foreach(_file IN LISTS _files)
    if(NOT EXISTS "${_dir}/${_file}")
      list(APPEND _lambdafit_grammar_missing "${_package}/${_subdir}/${_file}")
    endif()
    list(APPEND _lambdafit_grammar_sources "${_dir}/${_file}")
    # Each grammar's sources include its own tree_sitter/parser.h.
    set_source_files_properties("${_dir}/${_file}" PROPERTIES INCLUDE_DIRECTORIES "${_dir}")
  endforeach()
endforeach()
if(_lambdafit_grammar_missing)
  list(REMOVE_DUPLICATES _lambdafit_grammar_missing)
  list(JOIN _lambdafit_grammar_missing ", " _missing_text)
  message(FATAL_ERROR
    "tree-sitter grammars not found in LAMBDAFIT_GRAMMARS_DIR=${LAMBDAFIT_GRAMMARS_DIR} "
    "(missing: ${_missing_text}). Run .ci/install-deps to fetch and verify them, or point "
    "-DLAMBDAFIT_GRAMMARS_DIR at a directory it filled.")
endif()

add_library(lambdafit_grammars OBJECT ${_lambdafit_grammar_sources})
# Generated code: optimize moderately (the parse tables are huge) and keep its warnings quiet.
target_compile_options(lambdafit_grammars PRIVATE -O2 -w)
set_target_properties(lambdafit_grammars PROPERTIES
  C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
