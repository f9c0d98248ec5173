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

Status write_file_atomically(const std::string& path, std::string_view contents) {
  const std::string temporary = path + ".tmp-cepheus";
  {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(temporary.c_str(), "wb"), &std::fclose);
    if (!file) return io_error("cannot write '" + temporary + "': " + std::generic_category().message(errno));
    if (std::fwrite(contents.data(), 1, contents.size(), file.get()) != contents.size() ||
        std::fflush(file.get()) != 0) {
      const std::string reason = std::generic_category().message(errno);
      std::remove(temporary.c_str());
      return io_error("cannot write '" + temporary + "': " + reason);
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::generic_category().message(errno);
    std::remove(temporary.c_str());
    return io_error("cannot replace '" + path + "': " + reason);
  }
  return {};
}

}  // namespace cepheus
