// Reading whole files into memory, with errors that name the file and the reason.
#pragma once

#include <string>
#include <string_view>

#include "cepheus/core/result.h"

namespace cepheus {

// The contents of `path`; io_error "cannot read 'path': No such file or directory".
Result<std::string> read_file(const std::string& path);

// Replaces `path` with `contents` atomically: written to a temporary file beside
// it, then renamed, so a crash never leaves half a file.
Status write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace cepheus
