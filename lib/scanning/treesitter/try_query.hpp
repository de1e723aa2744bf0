// Trying a query on one file, for `lambdafit rules query FILE 'QUERY'`: every match with its
// captures, or the query's error at its line and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lambdafit::ts {

struct QueryCapture {
  std::string name;
  int line = 0, column = 0;  ///< 1-based
  std::string text;          ///< the captured source, its first line when it spans several
};

struct QueryHit {
  unsigned pattern = 0;      ///< 0-based index of the pattern in the query
  int line = 0, column = 0;  ///< where the evidence would be (@match, else the earliest capture)
  std::vector<QueryCapture> captures;
};

struct QueryTry {
  std::vector<QueryHit> hits;
  std::string error;             ///< a bad language or query; empty when it ran
  int error_line = 0, error_column = 0;  ///< in the query text, 1-based
  std::string note;              ///< syntax errors in the file, if any
};

/// Runs `query` for `language` (python, javascript, typescript, tsx, java, shell) over `text`.
QueryTry try_query(std::string_view language, std::string_view text, std::string_view query);

}  // namespace lambdafit::ts
