#pragma once
// Private to core/runner: the state behind IterationVars (shared by iteration_vars.cpp and
// iteration_checks.cpp).
#include "core/runner/iteration_vars.h"
#include "core/vars/dynamic_values.h"
#include "core/vars/redactor.h"
#include "core/vars/variable_resolver.h"
#include "core/vars/variable_scopes.h"

namespace sonde {

// Dynamic values ({{$uuid}}...) come from one generator per thread: seeding one from
// std::random_device costs more than a request, and an iteration may move between threads.
inline DynamicValues& threadDynamicValues() {
    thread_local DynamicValues values;
    return values;
}

struct IterationVars::Impl {
    VariableScopes scopes;
    Redactor redactor;
};

}  // namespace sonde
