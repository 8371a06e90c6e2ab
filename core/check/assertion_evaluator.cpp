#include "core/check/assertion_evaluator.h"

#include <charconv>
#include <cmath>

#include <re2/re2.h>

#include "core/check/check_value.h"

namespace sonde {
namespace {

using nlohmann::json;
using Outcome = CheckVerdict;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<double> parseNumber(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    double d = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), d);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return d;
}

// The expected text as JSON: a JSON literal when it parses as one, else the text as a JSON string.
json expectedJson(std::string_view s) {
    json j = json::parse(s.begin(), s.end(), nullptr, false);
    if (j.is_discarded()) return json(std::string(s));
    return j;
}

std::optional<double> actualNumber(const CheckValue& v) {
    if (v.kind == CheckValue::Kind::Text) return parseNumber(v.str());
    if (v.kind == CheckValue::Kind::Json && v.json().is_number()) return v.json().get<double>();
    return std::nullopt;
}

std::size_t codePoints(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

// Raw JSON text that dumps back to itself: a string without escapes, true/false/null, a plain integer.
bool dumpsAsItself(std::string_view raw) {
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"')
        return raw.find('\\') == std::string_view::npos;
    if (raw == "true" || raw == "false" || raw == "null") return true;
    const std::string_view digits = !raw.empty() && raw.front() == '-' ? raw.substr(1) : raw;
    if (digits.empty() || (digits.size() > 1 && digits.front() == '0') || digits == "0") return false;
    for (char c : digits)
        if (c < '0' || c > '9') return false;
    return digits.size() < 19;  // fits a 64-bit integer as written
}

std::string display(const CheckValue& v) {
    switch (v.kind) {
        case CheckValue::Kind::Text: return shorten(v.str());
        case CheckValue::Kind::Json:
            // A big raw value is shown from its text (parsing 1 MB to print 200 bytes would be waste),
            // and so is a small one that would print as it is written.
            if (v.isRaw() && (v.rawText().size() > 200 || dumpsAsItself(v.rawText()))) return shorten(v.rawText());
            return dumpShort(v.json());
        default: return "(none)";
    }
}

std::string withArticle(const char* noun) {
    return (noun[0] == 'a' || noun[0] == 'i' || noun[0] == 'o') ? std::string("an ") + noun : std::string("a ") + noun;
}

const char* typeName(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return "number";
        default: return "binary";
    }
}

// An integer written plainly ("200", "-3"), without sign, exponent or fraction ambiguity.
std::optional<long long> plainInteger(std::string_view s) {
    const std::string_view digits = !s.empty() && s.front() == '-' ? s.substr(1) : s;
    if (digits.size() > 1 && digits.front() == '0') return std::nullopt;  // not JSON ("0200")
    long long n = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), n);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || s.empty()) return std::nullopt;
    return n;
}

bool equals(const CheckValue& v, const std::string& expected) {
    if (v.kind == CheckValue::Kind::Text) return v.str() == expected;
    // Shortcuts for the common checks (status 200, a JSON value written as in the body): the same JSON
    // text is the same value, and an integer compares as one, without parsing the expected text.
    if (v.isRaw() && v.rawText() == trim(expected)) return true;
    if (!v.isRaw()) {
        const json& j = v.json();
        if (j.is_number_integer() && !j.is_number_unsigned())
            if (auto n = plainInteger(trim(expected))) return j.get<long long>() == *n;
    }
    return v.json() == expectedJson(expected);
}

Outcome numeric(const CheckValue& v, const std::string& expected, CheckOp op) {
    auto a = actualNumber(v);
    if (!a) return {false, "actual is not a number"};
    auto b = parseNumber(expected);
    if (!b) return {false, "expected value is not a number"};
    switch (op) {
        case CheckOp::Less: return {*a < *b, {}};
        case CheckOp::LessEq: return {*a <= *b, {}};
        case CheckOp::Greater: return {*a > *b, {}};
        default: return {*a >= *b, {}};
    }
}

Outcome contains(const CheckValue& v, const std::string& expected) {
    if (v.kind == CheckValue::Kind::Text) return {v.str().find(expected) != std::string_view::npos, {}};
    const json& j = v.json();
    json e = expectedJson(expected);
    if (j.is_string()) {
        const std::string& needle = e.is_string() ? e.get_ref<const std::string&>() : expected;
        return {j.get_ref<const std::string&>().find(needle) != std::string::npos, {}};
    }
    if (j.is_array()) {
        for (const json& item : j)
            if (item == e) return {true, {}};
        return {false, {}};
    }
    if (j.is_object()) return {j.contains(e.is_string() ? e.get<std::string>() : expected), {}};
    return {false, withArticle(typeName(j)) + " cannot contain anything"};
}

Outcome matches(const CheckValue& v, const std::string& pattern, CheckCache& cache) {
    auto re = cache.regex(pattern);
    if (!re) return {false, re.error().title};
    if (v.kind == CheckValue::Kind::Text) {
        std::string_view s = v.str();
        return {RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), **re), {}};
    }
    const json& j = v.json();
    if (j.is_string()) return {RE2::PartialMatch(j.get_ref<const std::string&>(), **re), {}};
    return {RE2::PartialMatch(j.dump(), **re), {}};
}

Outcome typeIs(const CheckValue& v, const std::string& expected) {
    static const char* const kTypes[] = {"string", "number", "integer", "boolean", "null", "object", "array"};
    std::string t(trim(expected));
    bool known = false;
    for (const char* k : kTypes) known = known || t == k;
    if (!known) return {false, "unknown type '" + t + "' (use string|number|integer|boolean|null|object|array)"};
    if (v.kind == CheckValue::Kind::Text) return {t == "string", {}};
    if (v.rawIsContainer()) return {t == (v.rawText()[0] == '[' ? "array" : "object"), {}};
    const json& j = v.json();
    if (t == "number") return {j.is_number(), {}};
    if (t == "integer") {
        if (j.is_number_integer()) return {true, {}};
        if (!j.is_number_float()) return {false, {}};
        double d = j.get<double>();
        return {std::isfinite(d) && std::floor(d) == d, {}};
    }
    std::string actual = typeName(j);
    return {actual == t || (actual == "integer" && t == "number"), {}};
}

Outcome lengthIs(const CheckValue& v, const std::string& expected) {
    auto want = parseNumber(expected);
    if (!want) return {false, "expected length is not a number"};
    std::size_t len = 0;
    if (v.kind == CheckValue::Kind::Text) {
        len = codePoints(v.str());
    } else if (v.rawIsContainer()) {
        len = v.rawMembers();
    } else {
        const json& j = v.json();
        if (j.is_string()) len = codePoints(j.get_ref<const std::string&>());
        else if (j.is_array() || j.is_object()) len = j.size();
        else return {false, withArticle(typeName(j)) + " has no length"};
    }
    return {static_cast<double>(len) == *want, "length " + std::to_string(len)};
}

Outcome oneOf(const CheckValue& v, const std::string& expected) {
    std::string_view rest = expected;
    for (;;) {
        auto comma = rest.find(',');
        std::string item(trim(rest.substr(0, comma)));
        if (equals(v, item)) return {true, {}};
        if (comma == std::string_view::npos) return {false, {}};
        rest.remove_prefix(comma + 1);
    }
}

Outcome between(const CheckValue& v, const std::string& expected) {
    auto dots = expected.find("..");
    if (dots == std::string::npos) return {false, "expected \"low..high\""};
    auto lo = parseNumber(std::string_view(expected).substr(0, dots));
    auto hi = parseNumber(std::string_view(expected).substr(dots + 2));
    if (!lo || !hi) return {false, "expected \"low..high\" with two numbers"};
    auto a = actualNumber(v);
    if (!a) return {false, "actual is not a number"};
    return {*a >= *lo && *a <= *hi, {}};
}

bool usesSelector(CheckSource s) {
    return s == CheckSource::Header || s == CheckSource::JsonPath || s == CheckSource::Regex;
}

}  // namespace

CheckVerdict AssertionEvaluator::apply(const Assertion& a, const CheckValue& v) {
    Outcome o;
    switch (a.op) {
        case CheckOp::Exists: o.passed = true; break;
        case CheckOp::NotExists: o.passed = false; break;
        case CheckOp::Equals: o.passed = equals(v, a.value); break;
        case CheckOp::NotEquals: o.passed = !equals(v, a.value); break;
        case CheckOp::Less:
        case CheckOp::LessEq:
        case CheckOp::Greater:
        case CheckOp::GreaterEq: o = numeric(v, a.value, a.op); break;
        case CheckOp::Contains: o = contains(v, a.value); break;
        case CheckOp::NotContains:
            o = contains(v, a.value);
            if (o.note.empty()) o.passed = !o.passed;
            break;
        case CheckOp::Matches: o = matches(v, a.value, cache_); break;
        case CheckOp::OneOf: o = oneOf(v, a.value); break;
        case CheckOp::Between: o = between(v, a.value); break;
        case CheckOp::TypeIs: o = typeIs(v, a.value); break;
        case CheckOp::LengthEq: o = lengthIs(v, a.value); break;
    }
    return o;
}

std::string AssertionEvaluator::describe(const Assertion& a) {
    std::string d = toString(a.source);
    if (usesSelector(a.source)) d += " " + a.selector;
    d += " ";
    d += toString(a.op);
    if (a.op != CheckOp::Exists && a.op != CheckOp::NotExists) d += " " + a.value;
    return d;
}

AssertionResult AssertionEvaluator::evaluate(const Assertion& a, CheckContext& ctx) {
    AssertionResult r;
    r.assertion = a;
    r.expected = a.op == CheckOp::Exists ? "present" : a.op == CheckOp::NotExists ? "absent" : a.value;
    r.description = describe(a);
    const std::string& what = r.description;

    CheckValue v = extractValue(a.source, a.selector, -1, ctx, cache_);
    r.actual = display(v);
    if (v.kind == CheckValue::Kind::Error) {
        r.message = what + ": " + v.reason;
        return r;
    }
    if (v.kind == CheckValue::Kind::Absent) {
        r.passed = a.op == CheckOp::NotExists;
        r.message = r.passed ? what : what + ": " + v.reason;
        return r;
    }
    Outcome o;
    std::vector<std::string_view> values;
    if (a.source == CheckSource::Header) {
        for (const Header& h : ctx.response().headers)
            if (iequals(h.name, a.selector)) values.push_back(h.value);
    }
    if (values.size() > 1) {
        // A repeated header (Set-Cookie, Vary...): a positive op passes when any value does, a negative
        // one (not-equals, not-contains) when every value does.
        bool negative = a.op == CheckOp::NotEquals || a.op == CheckOp::NotContains;
        o.passed = negative;
        std::string joined;
        for (std::string_view value : values) {
            Outcome one = apply(a, CheckValue::borrowText(value));
            o.passed = negative ? (o.passed && one.passed) : (o.passed || one.passed);
            if (o.note.empty()) o.note = one.note;
            if (!joined.empty()) joined += ", ";
            joined += value;
        }
        r.actual = shorten(joined);
    } else {
        o = apply(a, v);
    }
    r.passed = o.passed;
    if (r.passed) {
        r.message = what;
    } else {
        r.message = what + ": actual " + r.actual;
        if (!o.note.empty()) r.message += " (" + o.note + ")";
    }
    return r;
}

std::vector<AssertionResult> AssertionEvaluator::evaluateAll(const std::vector<Assertion>& assertions,
                                                             CheckContext& ctx) {
    std::vector<AssertionResult> out;
    out.reserve(assertions.size());
    for (const Assertion& a : assertions)
        if (a.enabled) out.push_back(evaluate(a, ctx));
    return out;
}

}  // namespace sonde
