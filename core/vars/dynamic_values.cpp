#include "core/vars/dynamic_values.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace sonde {

namespace {
std::string uuidFrom(std::mt19937_64& rng) {
    std::uint64_t hi = rng(), lo = rng();
    hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
    char buf[37];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return buf;
}
}  // namespace

namespace {
// One random_device read per thread (it is a system call), then a fast generator seeds the rest.
std::uint64_t freshSeed() {
    thread_local std::mt19937_64 seeder(std::random_device{}() ^
                                        (static_cast<std::uint64_t>(std::random_device{}()) << 32));
    return seeder();
}
}  // namespace

DynamicValues::DynamicValues()
    : DynamicValues([] { return std::chrono::system_clock::now(); }, freshSeed(),
                    [](const std::string& n) -> std::optional<std::string> {
                        const char* v = std::getenv(n.c_str());
                        if (!v) return std::nullopt;
                        return std::string(v);
                    }) {}

DynamicValues::DynamicValues(Clock clock, std::uint64_t seed, EnvLookup env)
    : clock_(std::move(clock)), rng_(seed), env_(std::move(env)) {}

std::optional<std::string> DynamicValues::value(const std::string& name) {
    if (name == "uuid" || name == "guid") return uuid();
    if (name == "timestamp") return timestamp();
    if (name == "isoTimestamp") return isoTimestamp();
    if (name == "randomInt") return std::to_string(randomInt());
    if (isEnvName(name)) {
        std::string var = name.substr(4);
        if (var.empty() || !env_) return std::nullopt;
        return env_(var);
    }
    return std::nullopt;
}

std::string DynamicValues::uuid() { return uuidFrom(rng_); }

std::string DynamicValues::timestamp() const {
    auto s = std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
    return std::to_string(s);
}

std::string DynamicValues::isoTimestamp() const {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return buf;
}

int DynamicValues::randomInt() { return static_cast<int>(std::uniform_int_distribution<int>(0, 1000)(rng_)); }

std::string newUuid() {
    thread_local std::mt19937_64 rng(freshSeed());
    return uuidFrom(rng);
}

}  // namespace sonde
