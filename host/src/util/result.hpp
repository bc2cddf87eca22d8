#pragma once
// Errors are values: a stable machine code plus a human message, carried to the boundary
// (protocol reply, CLI output) instead of thrown across modules.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace og {

struct Error {
    std::string code;     // stable, snake_case, see docs/protocol.md
    std::string message;  // for a person
    std::string field;    // JSON pointer of the field at fault, or empty
};

template <class T>
class Result {
  public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(v_); }
    const T& value() const { return std::get<T>(v_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<Error>(v_); }

  private:
    std::variant<T, Error> v_;
};

// For operations that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(std::string code, std::string message, std::string field = {}) {
    return Error{std::move(code), std::move(message), std::move(field)};
}

}  // namespace og
