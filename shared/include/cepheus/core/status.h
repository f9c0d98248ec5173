// Status: the one error vocabulary of Cepheus for runtime and I/O.
//
// A Status is either ok or carries a code and a message written for the person who
// reads it: what went wrong, where, and when it helps, how to fix it. Errors from
// other libraries (Asio, Paho, SQLite, the OS) are converted into a Status at the
// boundary where they occur. Status is a value type; it is cheap to move and an ok
// Status allocates nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace cepheus {

enum class StatusCode : std::uint8_t {
  kOk = 0,
  kInvalidArgument,     // the input is malformed or does not fit its schema
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // a named thing exists and may not be replaced
  kOutOfRange,          // a value is outside what its type or a limit allows
  kFailedPrecondition,  // the system is not in a state where this can be done
  kResourceExhausted,   // a quota, cap or size limit was reached
  kUnavailable,         // a peer or device cannot be reached now; retrying may help
  kDeadlineExceeded,    // an operation took longer than it was allowed to
  kUnauthenticated,     // missing or wrong credentials
  kPermissionDenied,    // credentials are fine but not enough for this
  kIoError,             // a file or socket operation failed
  kCancelled,           // the operation was stopped on purpose
  kInternal,            // a bug in Cepheus: please report it
};

// Returns the stable snake_case name of a code, e.g. "invalid_argument".
std::string_view status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message);

  static Status ok_status() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // Empty for an ok status.
  const std::string& message() const;

  // A copy with "context: " put before the message, e.g. a file name and line.
  Status with_context(std::string_view context) const;

  // "invalid_argument: <message>", or "ok".
  std::string to_string() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  // Shared and immutable, so copies are cheap; null when ok.
  std::shared_ptr<const Rep> rep_;
};

inline Status invalid_argument(std::string message) {
  return {StatusCode::kInvalidArgument, std::move(message)};
}
inline Status not_found(std::string message) {
  return {StatusCode::kNotFound, std::move(message)};
}
inline Status out_of_range(std::string message) {
  return {StatusCode::kOutOfRange, std::move(message)};
}
inline Status io_error(std::string message) {
  return {StatusCode::kIoError, std::move(message)};
}
inline Status resource_exhausted(std::string message) {
  return {StatusCode::kResourceExhausted, std::move(message)};
}
inline Status internal_error(std::string message) {
  return {StatusCode::kInternal, std::move(message)};
}

}  // namespace cepheus

// Returns early from the calling function when EXPR yields a failed Status.
#define CEPHEUS_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::cepheus::Status cepheus_status_ = (expr);        \
    if (!cepheus_status_.ok()) return cepheus_status_; \
  } while (false)
