#include "cepheus/core/file.h"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

namespace cepheus {

Result<std::string> read_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return io_error("cannot read '" + path + "': " + std::generic_category().message(errno));
  std::string contents;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) contents.append(buffer, got);
  if (std::ferror(file.get())) return io_error("cannot read '" + path + "': " + std::generic_category().message(errno));
  return contents;
}

}  // namespace cepheus
