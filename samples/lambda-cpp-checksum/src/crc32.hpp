#pragma once
#include <cstdint>
#include <string_view>

// CRC-32 (IEEE 802.3) of a byte string.
std::uint32_t crc32(std::string_view data);
