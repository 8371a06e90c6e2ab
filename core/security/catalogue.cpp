#include "core/security/check.h"

namespace sonde {

std::vector<std::unique_ptr<Check>> makeCatalogue() {
    std::vector<std::unique_ptr<Check>> out;
    addSqliChecks(out);
    addNosqliChecks(out);
    addCmdiChecks(out);
    addTraversalChecks(out);
    addSstiChecks(out);
    addXssChecks(out);
    addCrlfChecks(out);
    addRedirectChecks(out);
    addCorsChecks(out);
    addPassiveChecks(out);
    addMethodsChecks(out);
    addTransportChecks(out);
    addAuthChecks(out);
    addJwtChecks(out);
    addGraphqlChecks(out);
    addCsrfChecks(out);
    addRateLimitChecks(out);
    return out;
}

std::vector<CheckInfo> catalogueInfo() {
    std::vector<CheckInfo> out;
    for (const auto& c : makeCatalogue()) out.push_back(c->info());
    return out;
}

}  // namespace sonde
