#pragma once
// Opening the SQLite store from the CLI: --db PATH, else $SONDE_DB, else the XDG data location.
#include "cli_options.h"
#include "core/model/response.h"
#include "core/store/database.h"

namespace sonde::cli {

OptionDef dbOptionDef();
// readOnly: open without migrating or writing (a missing store is created empty, so a first run works).
Result<Database> openStore(const ParsedArgs& args, bool readOnly);
// Records one exchange (or the error that stopped it) in the store's history, redacted: credential
// headers are masked, and the request's credentials (token, password, keys) wherever they appear.
Status recordHistory(const ParsedArgs& args, const RequestSpec& request, const ExchangeResult& result);

}  // namespace sonde::cli
