// The framed protocol between the library and its `lambdafit-worker` processes: each frame is
// a 32-bit length and a payload of length-prefixed fields. The parent sends one Init frame,
// the worker answers with a Ready frame, then each Job frame gets one TuResult frame back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scanning/clang/matcher.hpp"
#include "scanning/clang/parse_tu.hpp"
#include "scanning/clang/translation_units.hpp"

namespace lambdafit::cpp::worker {

inline constexpr std::uint32_t kProtocolVersion = 6;  // 3: plan requests carry the resource dir and CUDA path; 4: results carry the parse's inputs; 5: aws-sdk-cpp calls; 6: the cache directory
/// Frames are capped so a confused peer cannot make the other side allocate without bound.
inline constexpr std::uint32_t kMaxFrame = 256u << 20;

struct Init {
  std::vector<std::string> rule_dirs;  ///< the worker loads the same pack
  std::vector<std::string> detectors;  ///< ids of the C/C++ detectors to run
  std::string root;                    ///< the workload root (canonical)
  std::uint32_t unit_seconds = 300;    ///< per-unit CPU limit the worker sets on itself
  bool sdk = false;                    ///< EngineRules::sdk
  /// The parent's cache directory for remembered checks and the compiled rule pack
  /// (core/known_good.hpp cache_dir); empty: none, and the worker loads and checks every rule.
  std::string cache_dir;
};

/// Ready: empty on success, else why the worker cannot work (e.g. the pack did not load).
std::string encode_ready(const std::string& error);
std::optional<std::string> decode_ready(const std::string& b);

std::string encode(const Init& i);
std::optional<Init> decode_init(const std::string& b);
std::string encode(const TuJob& j);
std::optional<TuJob> decode_job(const std::string& b);
/// A result; `exiting` tells the parent the worker ends after sending it (its stack is spent),
/// so no further unit goes to it.
std::string encode(const TuResult& r, bool exiting = false);
bool decode(const std::string& b, TuResult& r, bool* exiting = nullptr);

/// One-shot requests a parent without LLVM makes (see frontend.hpp): the first frame starts
/// with one of these magics instead of the protocol version, gets one answer, and the worker
/// ends.
inline constexpr std::uint32_t kPlanMagic = 0x4e414c50;   // "PLAN"
inline constexpr std::uint32_t kCheckMagic = 0x4b434843;  // "CHCK"

/// The first u32 of a frame, or 0 when it is shorter.
std::uint32_t first_word(const std::string& b);

/// Plan the translation units of a workload (plan_translation_units in the worker).
struct PlanRequest {
  std::string root;
  std::string build_dir;
  std::string mirror_of;  ///< ScanInput::mirror_of (lint --staged)
  std::string clang_resource_dir;  ///< ScanInput::clang_resource_dir
  std::string cuda_path;           ///< ScanInput::cuda_path
  std::vector<WorkloadFile> files;
};
struct PlanResult {
  std::vector<TuJob> jobs;
  std::vector<std::string> notes;
};
std::string encode(const PlanRequest& p);
std::optional<PlanRequest> decode_plan_request(const std::string& b);
std::string encode(const PlanResult& p);
std::optional<PlanResult> decode_plan_result(const std::string& b);

/// Compile matcher texts; one MatcherError per text, an empty message when it compiled.
std::string encode_check_request(const std::vector<std::string>& matchers);
std::optional<std::vector<std::string>> decode_check_request(const std::string& b);
std::string encode_check_result(const std::vector<MatcherError>& errors);
std::optional<std::vector<MatcherError>> decode_check_result(const std::string& b);

/// A whole frame (length prefix and payload) for `payload`.
std::string frame(const std::string& payload);

/// Reads one frame from a blocking fd; nullopt at end of file or on error.
std::optional<std::string> read_frame(int fd);

/// Splits complete frames off the front of `buffer` (bytes read so far from a pipe); false
/// when the stream is corrupt (a frame over kMaxFrame).
bool take_frames(std::string& buffer, std::vector<std::string>& frames);

}  // namespace lambdafit::cpp::worker
