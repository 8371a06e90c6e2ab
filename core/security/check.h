#pragma once
// Check: one security check. A check family file (checks/check_<family>.cpp) defines one or more
// checks; each runs against one target through a ProbeContext (which owns transport, scope, budget,
// cancellation and the baseline) and reports confirmed findings.
#include <memory>
#include <vector>

#include "core/security/finding.h"

namespace sonde {

class ProbeContext;

class Check {
public:
    virtual ~Check() = default;
    virtual const CheckInfo& info() const = 0;
    virtual void run(ProbeContext& ctx) = 0;
};

// The whole catalogue, in a stable order.
std::vector<std::unique_ptr<Check>> makeCatalogue();
std::vector<CheckInfo> catalogueInfo();

// One factory per family (checks/check_<family>.cpp).
void addSqliChecks(std::vector<std::unique_ptr<Check>>& out);
void addNosqliChecks(std::vector<std::unique_ptr<Check>>& out);
void addCmdiChecks(std::vector<std::unique_ptr<Check>>& out);
void addTraversalChecks(std::vector<std::unique_ptr<Check>>& out);
void addSstiChecks(std::vector<std::unique_ptr<Check>>& out);
void addXssChecks(std::vector<std::unique_ptr<Check>>& out);
void addCrlfChecks(std::vector<std::unique_ptr<Check>>& out);
void addRedirectChecks(std::vector<std::unique_ptr<Check>>& out);
void addCorsChecks(std::vector<std::unique_ptr<Check>>& out);
void addPassiveChecks(std::vector<std::unique_ptr<Check>>& out);
void addMethodsChecks(std::vector<std::unique_ptr<Check>>& out);
void addTransportChecks(std::vector<std::unique_ptr<Check>>& out);
void addCsrfChecks(std::vector<std::unique_ptr<Check>>& out);
void addRateLimitChecks(std::vector<std::unique_ptr<Check>>& out);
void addAuthChecks(std::vector<std::unique_ptr<Check>>& out);
void addJwtChecks(std::vector<std::unique_ptr<Check>>& out);
void addGraphqlChecks(std::vector<std::unique_ptr<Check>>& out);

}  // namespace sonde
