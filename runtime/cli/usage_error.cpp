#include <cstdio>

#include "commands.h"

namespace cepheus::cli {

int usage_error(const char* command, const std::string& message) {
  std::fprintf(stderr, "cepheus %s: %s\nRun 'cepheus %s --help' for usage.\n", command, message.c_str(), command);
  return 2;
}

}  // namespace cepheus::cli
