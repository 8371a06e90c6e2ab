#pragma once
// Reporter: a RunObserver that writes a report somewhere. A reporter never throws and never prints
// on its own: if it cannot write, error() says why (checked by the caller once the run is done).
#include <optional>

#include "core/model/result.h"
#include "core/runner/run_result.h"

namespace sonde {

class Reporter : public RunObserver {
public:
    const std::optional<Error>& error() const { return error_; }

protected:
    void fail(const std::string& title, const std::string& where) {
        if (!error_) error_ = makeError(title, where, "check that the folder exists and is writable", "io");
    }
    std::optional<Error> error_;
};

// Shared helpers for the reporters.
std::string describeRequest(const RequestResult& r);  // "Users/Get user" (+ " [iteration 2]")
std::string formatMs(double ms);                       // "12 ms", "1.42 s"
std::string failureText(const AssertionOutcome& a);    // "expected 200, actual 500"

}  // namespace sonde
