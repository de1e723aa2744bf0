#include <catch2/catch.hpp>

#include "scanning/text/file_type.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;

TEST_CASE("file types: extensions", "[text][file_type]") {
  CHECK(file_type_from_path("a/b.py").name == "python");
  // Runtimes are pack data (rules/runtimes.yaml).
  const auto& runtime = lambdafit::testing::shipped_pack().data().runtime_of_type;
  CHECK(runtime.at(file_type_from_path("a/b.py").name) == "python");
  CHECK(file_type_from_path("x.TS").name == "typescript");
  CHECK(runtime.at(file_type_from_path("x.ts").name) == "nodejs");
  CHECK(runtime.at(file_type_from_path("Main.java").name) == "java");
  CHECK(runtime.at(file_type_from_path("k.cu").name) == "cpp");
  CHECK(file_type_from_path("main.tf").name == "terraform");
  CHECK(file_type_from_path("a.pkr.hcl").name == "hcl");
  CHECK(file_type_from_path("run.sh").comments == CommentStyle::hash);
  CHECK(file_type_from_path("notes.md").name.empty());
  CHECK(file_type_from_path("bin/tool").name.empty());
}

TEST_CASE("file types: well-known names win over extensions", "[text][file_type]") {
  CHECK(file_type_from_path("Dockerfile").name == "dockerfile");
  CHECK(file_type_from_path("docker/Dockerfile.gpu").name == "dockerfile");
  CHECK(file_type_from_path("Makefile").name == "makefile");
  CHECK(file_type_from_path("ops/crontab").name == "crontab");
  CHECK(file_type_from_path("etc/cron.d/backup").name == "crontab");
  // Scripts that run-parts runs are scripts, not crontabs.
  CHECK(file_type_from_path("etc/cron.daily/backup").name != "crontab");
  CHECK(file_type_from_path("etc/cron.daily/backup.cron").name == "shell");
  CHECK(file_type_from_path("debian/cron.weekly/rotate.crontab").name == "shell");
  CHECK(file_type_from_path("etc/cron.hourly/sync.py").name == "python");
  CHECK(file_type_from_path("etc/sysctl.d/90-net.conf").name == "sysctl");
  CHECK(file_type_from_path("etc/sysctl.conf").name == "sysctl");
  CHECK(file_type_from_path("etc/security/limits.conf").name == "limits");
  CHECK(file_type_from_path("x/app.service").name == "systemd-service");
  CHECK(file_type_from_path("x/app.timer").name == "systemd-timer");
  CHECK(file_type_from_path("requirements-dev.txt").name == "requirements");
  CHECK(file_type_from_path("other.conf").name == "ini");
}

TEST_CASE("file types: shebang lines", "[text][file_type]") {
  CHECK(file_type_from_shebang("#!/usr/bin/env python3").name == "python");
  CHECK(file_type_from_shebang("#!/usr/bin/python3.12 -u").name == "python");
  CHECK(file_type_from_shebang("#!/bin/bash").name == "shell");
  CHECK(file_type_from_shebang("#! /bin/sh -e").name == "shell");
  CHECK(file_type_from_shebang("#!/usr/bin/env -S node --no-warnings").name == "javascript");
  CHECK(file_type_from_shebang("#!/usr/bin/env ruby").name == "ruby");
  CHECK(file_type_from_shebang("#!/usr/bin/awk -f").name.empty());
  CHECK(file_type_from_shebang("import os").name.empty());
}

TEST_CASE("file types: every listed name resolves", "[text][file_type]") {
  for (const auto& n : file_type_names()) CHECK(file_type_named(n).name == n);
  CHECK(file_type_named("pyton").name.empty());
}
