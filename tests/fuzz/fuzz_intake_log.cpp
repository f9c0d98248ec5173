// Fuzzes the intake log's record format (runtime/node/intake_record) on any
// bytes, as a file left on disk by a crash or a damaged disk would be read at
// start: never a crash or a read past the bytes; the records read, written
// again as a file of the current format, read back the same and whole; and the
// bytes after the records read change nothing in them (a torn tail hides no
// record before it).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "intake_record.h"

namespace {

using cepheus::node::IncomingMessage;

bool same(const std::vector<IncomingMessage>& a, const std::vector<IncomingMessage>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].channel != b[i].channel || a[i].topic != b[i].topic || a[i].payload != b[i].payload ||
        a[i].received_ns != b[i].received_ns || a[i].intake_seq != b[i].intake_seq || a[i].packet_id != b[i].packet_id)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  std::vector<IncomingMessage> records;
  const std::size_t read = cepheus::node::decode_intake_file(file, records);
  if (read > file.size()) std::abort();

  std::vector<IncomingMessage> prefix;
  if (cepheus::node::decode_intake_file(file.substr(0, read), prefix) != read || !same(prefix, records)) std::abort();

  std::string written(cepheus::node::kIntakeMagic);
  for (const IncomingMessage& m : records) written += cepheus::node::encode_intake_record(m);
  std::vector<IncomingMessage> again;
  if (cepheus::node::decode_intake_file(written, again) != written.size() || !same(again, records)) std::abort();
  return 0;
}
