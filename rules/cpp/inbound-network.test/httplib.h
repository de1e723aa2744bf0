// lambdafit-expect-not(cpp-server-object)
// A stand-in for cpp-httplib's header: just the names the fixture uses.
#pragma once
namespace httplib {
class Server {
 public:
  bool listen(const char*, int) { return true; }
};
}  // namespace httplib
