// The record format of the intake log (intake_log.h), apart from the file
// handling so that it can be fuzzed on its own.
//
// A file begins with the 8 bytes kIntakeFileMagic, then records: [u32 size]
// [u64 seq][i64 received_ns][u16 MQTT packet id][u16 channel size][channel]
// [u32 topic size][topic][payload], little-endian. A file without the magic is
// of the first format, which had no packet id.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "intake_queue.h"

namespace cepheus::node {

// The first bytes of a file of the current format. Read as a record size they
// exceed any record, so the first format's reader takes such a file as empty.
inline constexpr char kIntakeFileMagic[8] = {'\xff', 'C', 'E', 'P', 'I', 'L', '2', '\n'};
inline constexpr std::string_view kIntakeMagic(kIntakeFileMagic, sizeof(kIntakeFileMagic));

// One record of the current format. A channel longer than 65,535 bytes is cut
// there (channels are names the node makes: a broker's, a deployment's).
std::string encode_intake_record(const IncomingMessage& message);

// Appends the whole records of one file's bytes to `out`, of either format, and
// returns how many bytes they (and the magic) take. Reading stops at a torn or
// damaged record: what follows it is not taken as records.
std::size_t decode_intake_file(std::string_view file, std::vector<IncomingMessage>& out);

}  // namespace cepheus::node
