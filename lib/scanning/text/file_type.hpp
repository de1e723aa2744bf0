// What kind of text a workload file holds, from its name, extension or shebang line, and
// which comment syntax goes with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lambdafit {

/// How comments are written in a file type; decides what the text kind blanks out.
enum class CommentStyle {
  none,       ///< JSON, plain data: nothing is a comment
  hash,       ///< shell, Ruby, YAML, Dockerfile, crontab, conf files: `#` to end of line
  python,     ///< `#` plus docstrings (see comments.hpp)
  c_family,   ///< C, C++, Java, JS/TS, Go, Rust, C#: `//` and `/* */`
  hcl,        ///< Terraform/Packer HCL: `#`, `//` and `/* */`
  ini,        ///< systemd units, sysctl.conf: `#` or `;` at the start of a line
  crontab,    ///< `#` comments, and each entry's schedule and VAR= lines blanked too, so
              ///< the command stands at the start of its line as in a shell script
};

struct FileType {
  std::string name;  ///< "python", "shell", "dockerfile", … (see file_type_names())
  CommentStyle comments = CommentStyle::none;
  // Which runtime a type's code runs on is rule-pack data (rules/runtimes.yaml).
};

/// Classifies a file by its workload-relative path alone (extension or well-known name);
/// returns an empty name when the path does not tell.
FileType file_type_from_path(std::string_view rel_path);

/// Classifies a file by its first line (a `#!` interpreter line); empty name when none.
FileType file_type_from_shebang(std::string_view first_line);

/// The file type with this name (for rule files naming types).
FileType file_type_named(std::string_view name);

/// Every type name rule files may use in `file_types`.
const std::vector<std::string>& file_type_names();

}  // namespace lambdafit
