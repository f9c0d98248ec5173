#include "node_identity.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "cepheus/core/file.h"

namespace cepheus::node {
namespace {

Result<std::string> random_hex(std::size_t bytes) {
  std::ifstream urandom("/dev/urandom", std::ios::binary);
  std::string raw(bytes, '\0');
  if (!urandom.read(raw.data(), static_cast<std::streamsize>(bytes))) return io_error("cannot read /dev/urandom");
  static const char* const kHex = "0123456789abcdef";
  std::string hex;
  for (const unsigned char c : raw) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

// Reads `path`, or creates it with fresh random contents and `mode`.
Result<std::string> load_or_create(const std::string& path, std::size_t random_bytes, mode_t mode, bool& created) {
  created = false;
  if (::access(path.c_str(), F_OK) == 0) {
    auto existing = read_file(path);
    if (!existing.ok()) return existing.status();
    std::string value = trimmed(*existing);
    if (value.empty()) return invalid_argument(path + " is empty; delete it to have a new one made");
    return value;
  }
  auto value = random_hex(random_bytes);
  if (!value.ok()) return value.status();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return io_error("cannot create '" + path + "': " + std::strerror(errno));
  const std::string line = *value + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return io_error("cannot write '" + path + "': " + std::strerror(errno));
  created = true;
  return value;
}

}  // namespace

Result<std::string> load_or_create_token(const std::string& data_dir, bool& created) {
  const std::string path = data_dir + "/token";
  auto token = load_or_create(path, 32, 0600, created);
  if (!token.ok()) return token;
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%03o", info.st_mode & 0777u);
    return Status(StatusCode::kPermissionDenied,
                  path + " may be read by other users (mode " + mode + "); run: chmod 600 " + path);
  }
  return token;
}

Result<std::string> load_or_create_node_id(const std::string& data_dir) {
  bool created = false;
  return load_or_create(data_dir + "/node-id", 6, 0644, created);
}

bool same_secret(std::string_view given, std::string_view expected) {
  // Every byte of the expected secret is looked at whatever the given one holds.
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    difference |= static_cast<unsigned char>(g ^ static_cast<unsigned char>(expected[i]));
  }
  return difference == 0;
}

}  // namespace cepheus::node
