#pragma once
// Private to core/runner: the state behind IterationVars (shared by iteration_vars.cpp and
// iteration_checks.cpp).
#include "core/runner/iteration_vars.h"
#include "core/vars/dynamic_values.h"
#include "core/vars/redactor.h"
#include "core/vars/variable_resolver.h"
#include "core/vars/variable_scopes.h"

namespace sonde {

inline DynamicValues& threadDynamicValues() {
    thread_local DynamicValues values;
    return values;
}

struct IterationVars::Impl {
    VariableScopes scopes;
    // One per worker thread (seeding a generator from std::random_device costs more than a request).
    DynamicValues& dynamic = threadDynamicValues();
    Redactor redactor;
};

}  // namespace sonde
