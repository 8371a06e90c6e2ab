#pragma once
// DynamicValues: the built-in {{$name}} values. {{$uuid}} (random v4 UUID), {{$timestamp}} (Unix
// seconds), {{$isoTimestamp}} (UTC, ISO 8601 with milliseconds), {{$randomInt}} (0..1000 inclusive)
// and {{$env.NAME}} (the process environment; how CI passes secrets). The clock, the random source and
// the environment lookup are injectable so tests can pin them.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>

namespace sonde {

class DynamicValues {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;
    using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

    DynamicValues();  // real clock, random seed from std::random_device, getenv
    DynamicValues(Clock clock, std::uint64_t seed, EnvLookup env);

    // The value of a dynamic name given without "{{$" and "}}" (e.g. "uuid", "env.TOKEN"), or nullopt
    // when the name is unknown or names an unset environment variable.
    std::optional<std::string> value(const std::string& name);
    // True when name is the name of an environment lookup ("env.NAME"), whose values are secret-like.
    static bool isEnvName(const std::string& name) { return name.rfind("env.", 0) == 0; }

    std::string uuid();
    std::string timestamp() const;
    std::string isoTimestamp() const;
    int randomInt();

private:
    Clock clock_;
    std::mt19937_64 rng_;
    EnvLookup env_;
};

// A random version 4 UUID (lower case, 36 characters), used for ids in the store and text format.
std::string newUuid();

}  // namespace sonde
