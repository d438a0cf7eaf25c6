// Status and Result<T>: how every fallible call in Xianjie reports failure.
//
// Expected failures (bad input, missing records, a busy database) are values, never exceptions.
// A Status is either OK or carries a canonical code and a message written for the person who has
// to act on it. Result<T> holds either a T or a non-OK Status.
#ifndef XIANJIE_BASE_STATUS_H_
#define XIANJIE_BASE_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace xianjie {

// Canonical codes (after absl::StatusCode). Choose the most specific one:
//   kInvalidArgument     the caller's input is wrong, whatever the system's state
//   kNotFound            a named thing (household, file, batch) does not exist
//   kAlreadyExists       the thing to create exists
//   kFailedPrecondition  the system is not in a state to do it (e.g. database not initialized)
//   kIoError             the file system or the database failed
//   kDataLoss            stored data is corrupt
//   kInternal            a bug: an invariant broke
//   kUnauthenticated     no valid session or credentials (who are you?)
//   kPermissionDenied    the caller is known but may not do this (role or region scope)
//   kResourceExhausted   too many attempts or too much load; try again later
//   kAborted             a concurrent change won (a compare-and-set failed); reload and retry
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kIoError,
  kDataLoss,
  kInternal,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,
  kAborted,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "INVALID_ARGUMENT: message", or "OK".
  std::string ToString() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status Unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status ResourceExhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
inline Status Aborted(std::string m) { return {StatusCode::kAborted, std::move(m)}; }

// Either a value of type T or a non-OK Status. Accessing value() of a failed Result is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) status_ = Internal("Result constructed from an OK status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }

  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

namespace internal_status {
inline const Status& GetStatus(const Status& s) { return s; }
template <typename T>
const Status& GetStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal_status

}  // namespace xianjie

#define XJ_CONCAT_INNER_(a, b) a##b
#define XJ_CONCAT_(a, b) XJ_CONCAT_INNER_(a, b)

// Returns the Status of `expr` (a Status or a Result) from the enclosing function if it failed.
#define XJ_RETURN_IF_ERROR(expr)                                           \
  do {                                                                     \
    const auto& xj_status_or_result_ = (expr);                             \
    if (!::xianjie::internal_status::GetStatus(xj_status_or_result_).ok()) \
      return ::xianjie::internal_status::GetStatus(xj_status_or_result_);  \
  } while (false)

// `XJ_ASSIGN_OR_RETURN(auto x, F());` declares x from a Result or returns its Status.
#define XJ_ASSIGN_OR_RETURN(lhs, expr) \
  XJ_ASSIGN_OR_RETURN_IMPL_(XJ_CONCAT_(xj_result_, __LINE__), lhs, expr)
#define XJ_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // XIANJIE_BASE_STATUS_H_
