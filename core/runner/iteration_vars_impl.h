#pragma once
// Private to core/runner: the state behind IterationVars (shared by iteration_vars.cpp and
// iteration_checks.cpp).
#include "core/runner/iteration_vars.h"
#include "core/vars/dynamic_values.h"
#include "core/vars/redactor.h"
#include "core/vars/variable_resolver.h"
#include "core/vars/variable_scopes.h"

namespace sonde {

struct IterationVars::Impl {
    VariableScopes scopes;
    DynamicValues dynamic;
    Redactor redactor;
};

}  // namespace sonde
