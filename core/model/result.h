#pragma once
// Result<T>: what core returns for anything a user can cause. An Error names what went wrong (title),
// what to do about it (fix) and where (a URL, "file:line", a JSON pointer).
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sonde {

struct Error {
    std::string title;  // what went wrong, one sentence a person understands
    std::string fix;    // what to do about it (may be empty)
    std::string where;  // the place: URL, "file:line:col", JSON pointer, table/column
    std::string code;   // a stable machine-readable kind, e.g. "refused", "timeout", "tls", "parse"

    std::string message() const {
        std::string m = title;
        if (!where.empty()) m += " (" + where + ")";
        if (!fix.empty()) m += ": " + fix;
        return m;
    }
};

inline Error makeError(std::string title, std::string where = {}, std::string fix = {}, std::string code = {}) {
    return Error{std::move(title), std::move(fix), std::move(where), std::move(code)};
}

template <typename T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
template <>
class Result<void> {
public:
    Result() = default;
    Result(Error error) : e_(std::move(error)) {}
    bool ok() const { return !e_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *e_; }

private:
    std::optional<Error> e_;
};

using Status = Result<void>;

}  // namespace sonde
