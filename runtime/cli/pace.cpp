#include "pace.h"

#include <cstdlib>
#include <thread>

namespace cepheus::cli {

void Pace::wait_for(Timestamp time) {
  if (factor <= 0 && rate <= 0) return;
  const std::uint64_t index = waited++;
  if (!first_event) {
    first_event = time;
    started = std::chrono::steady_clock::now();
    return;
  }
  const double offset = rate > 0 ? static_cast<double>(index) / rate * 1e9
                                 : static_cast<double>((time - *first_event).count_nanos()) / factor;
  if (offset <= 0) return;
  std::this_thread::sleep_until(started + std::chrono::nanoseconds(static_cast<std::int64_t>(offset)));
}

std::optional<double> parse_speed(const std::string& text) {
  if (text == "max") return 0.0;
  if (text == "realtime") return 1.0;
  if (text.size() > 1 && text.back() == 'x') {
    char* end = nullptr;
    const double factor = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size() - 1 && factor > 0 && factor < 1e9) return factor;
  }
  return std::nullopt;
}

}  // namespace cepheus::cli
