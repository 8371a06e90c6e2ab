#pragma once
// Assertions and captures as data. Evaluation lives in core/check.
#include <string>

namespace sonde {

// What an assertion or capture looks at.
enum class CheckSource {
    Status,          // the status code
    Header,          // selector: header name
    Body,            // the body as text
    JsonPath,        // selector: an RFC 9535 JSONPath
    Duration,        // total time in ms
    BodySize,        // body size in bytes
    ContentType,     // the Content-Type header
    CertExpiryDays,  // days until the peer certificate expires
    CertSubject,
    CertIssuer,
    Regex,           // captures only: selector is a regex over the body, group picks the value
    GraphQLErrors,   // number of entries in a GraphQL response's "errors"
};

enum class CheckOp {
    Equals, NotEquals, Less, LessEq, Greater, GreaterEq,
    Contains, NotContains, Matches, Exists, NotExists,
    OneOf,      // value: comma-separated list
    Between,    // value: "low..high" inclusive
    TypeIs,     // value: string|number|integer|boolean|null|object|array
    LengthEq,   // length of a string/array/object equals value
};

struct Assertion {
    CheckSource source = CheckSource::Status;
    std::string selector;  // header name, JSONPath, ...
    CheckOp op = CheckOp::Equals;
    std::string value;     // expected value; may hold {{variables}}; JSON literal for JSONPath equality
    bool enabled = true;
    bool operator==(const Assertion&) const = default;
};

struct Capture {
    std::string variable;  // runtime variable to set
    CheckSource source = CheckSource::JsonPath;
    std::string selector;  // JSONPath, header name, regex
    int group = 1;         // regex group
    bool enabled = true;
    bool operator==(const Capture&) const = default;
};

const char* toString(CheckSource s);
const char* toString(CheckOp o);
bool checkSourceFromString(const std::string& s, CheckSource& out);
bool checkOpFromString(const std::string& s, CheckOp& out);

}  // namespace sonde
