#pragma once
// Progress rows as the protocol, `status` and the record show them: every procedure of the
// catalog × every known account of its platform, derived from the journal.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/model.hpp"
#include "progress/state.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

namespace og::record {

// Every platform of the catalog has this account, whether or not the store lists it.
inline constexpr const char* kDefaultAccount = "default";

struct ProgressQuery {
    std::optional<std::string> platform;
    std::optional<std::string> account;
    std::optional<std::string> procedure_id;
};

// `store` may be null (store unavailable): every procedure is then not started, for the
// default account only.
Result<std::vector<progress::Progress>> progress_rows(const catalog::Catalog& catalog,
                                                      const store::Store* store,
                                                      const ProgressQuery& query);

// One procedure for one account (not_started when the store is null), from the journal as it
// stood at `up_to_seq` when given: the tally, to be moved on by later events, or its progress.
Result<progress::Tally> tally_of(const catalog::Procedure& procedure, const std::string& account,
                                 const store::Store* store,
                                 std::optional<std::int64_t> up_to_seq = {});
Result<progress::Progress> progress_of(const catalog::Procedure& procedure,
                                       const std::string& account, const store::Store* store,
                                       std::optional<std::int64_t> up_to_seq = {});

// docs/protocol.md, reportEvent reply: the `progress` object.
nlohmann::json progress_json(const progress::Progress& p);

// "2026-11-29T10:00:00Z"
std::string now_utc();

}  // namespace og::record
