#pragma once
// The binary form of the catalog model inside a pack (pack.hpp): what was validated, written
// field by field (numbers little-endian u32, strings and lists length-prefixed), so that a
// procedure is read back with copies and no JSON parse. Reading checks every length against
// what is left and throws DamagedPack, never reads past its bytes.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"

namespace og::catalog {

struct DamagedPack : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string encode_procedure(const Procedure& p);
Procedure decode_procedure(std::string_view bytes);

// The catalog's header: format, version, verified, platforms (its procedures are not written),
// with the allowlist the procedures make and the packer's notes.
std::string encode_header(const Catalog& header, const std::vector<std::string>& allowlist,
                          const std::vector<std::string>& notes);
void decode_header(std::string_view bytes, Catalog& header, std::vector<std::string>& notes);

// 64-bit digest of a pack's part, checked before the part is decoded: a flipped bit is a
// damaged pack, not a wrong catalog. Eight bytes a round, so checking costs less than decoding.
std::uint64_t pack_digest(std::string_view bytes);

}  // namespace og::catalog
