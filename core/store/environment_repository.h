#pragma once
// EnvironmentRepository: global environments and those of a collection, with their variables (value,
// enabled, secret) in order; plus the global variables (the weakest scope), kept as a reserved
// environment that the lists never show.
#include <string>
#include <vector>

#include "core/model/collection.h"
#include "core/store/database.h"

namespace sonde {

class EnvironmentRepository {
public:
    explicit EnvironmentRepository(Database& db) : db_(db) {}

    Result<std::vector<Environment>> globals();  // environments that belong to no collection
    Result<std::vector<Environment>> forCollection(const std::string& collectionId);
    // By id, else by name among the collection's environments (collectionId "" = global ones). The
    // Error lists the known names.
    Result<Environment> find(const std::string& idOrName, const std::string& collectionId = {});

    // Inserts or replaces (by id) an environment and its variables; gives an id when it has none.
    Result<Environment> save(Environment environment, const std::string& collectionId = {}, int position = -1);
    Status remove(const std::string& id);

    Result<std::vector<Variable>> globalVariables();
    Status saveGlobalVariables(const std::vector<Variable>& variables);

    static constexpr const char* kGlobalsId = "globals";

private:
    Result<std::vector<Environment>> query(const std::string& where, const std::string& arg);
    Database& db_;
};

}  // namespace sonde
