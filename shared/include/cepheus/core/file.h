// Reading whole files into memory, with errors that name the file and the reason.
#pragma once

#include <string>

#include "cepheus/core/result.h"

namespace cepheus {

// The contents of `path`; io_error "cannot read 'path': No such file or directory".
Result<std::string> read_file(const std::string& path);

}  // namespace cepheus
