#include <cstdio>

#include "../src/crc32.hpp"

int main() {
  // Known value: CRC-32 of "123456789" is 0xCBF43926.
  const bool ok = crc32("123456789") == 0xCBF43926u;
  std::puts(ok ? "ok" : "FAIL");
  return ok ? 0 : 1;
}
