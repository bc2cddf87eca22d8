#include "record/progress.hpp"

#include <chrono>
#include <ctime>
#include <map>
#include <set>

#include "util/utc_time.hpp"

namespace og::record {

namespace {

nlohmann::json opt(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// What Meta showed when it took the form, quoted and dated: {text, how, at, url}, or null.
nlohmann::json sent_evidence_json(const progress::Progress& p) {
    if (!p.sent_evidence) return nullptr;
    nlohmann::json out = nlohmann::json::parse(*p.sent_evidence, nullptr, false);
    if (!out.is_object()) return nullptr;
    out["at"] = opt(p.submitted_at);
    out["url"] = p.sent_url && !p.sent_url->empty() ? nlohmann::json(*p.sent_url) : nullptr;
    return out;
}

nlohmann::json told_json(const progress::Told& t) {
    return {{"answer", t.answer}, {"at", t.at}};
}

// The requests Meta refused before the current one: when each was sent, and the answer.
nlohmann::json earlier_json(const progress::Progress& p) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : p.earlier)
        out.push_back({{"submittedAt", opt(e.submitted_at)}, {"answer", told_json(e.answer)}});
    return out;
}

}  // namespace

std::string now_utc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    const std::tm tm = utc_tm(t);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

nlohmann::json progress_json(const progress::Progress& p) {
    // Member by member rather than from an initializer list, which copies every value once more
    // and checks each entry for being a key-value pair: this runs for every reported event.
    nlohmann::json out(nlohmann::json::value_t::object);
    out["procedureId"] = p.procedure_id;
    out["platform"] = p.platform;
    out["account"] = p.account;
    out["state"] = progress::to_string(p.state);
    out["stepIndex"] = p.step_index;
    out["stepCount"] = p.step_count;
    out["stepId"] = p.step_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.step_id);
    nlohmann::json& done = out["doneSteps"] = nlohmann::json::array();
    for (const auto& s : p.done_steps) done.push_back(s);
    out["startedAt"] = opt(p.started_at);
    out["submittedAt"] = opt(p.submitted_at);
    out["confirmedAt"] = opt(p.confirmed_at);
    out["updatedAt"] = opt(p.updated_at);
    out["sentEvidence"] = sent_evidence_json(p);
    out["answer"] = p.answer ? told_json(*p.answer) : nlohmann::json(nullptr);
    out["earlierRequests"] = earlier_json(p);
    return out;
}

Result<progress::Tally> tally_of(const catalog::Procedure& procedure, const std::string& account,
                                 const store::Store* store, std::optional<std::int64_t> up_to_seq) {
    progress::Tally tally(procedure, account);
    if (store == nullptr) return tally;
    store::EventFilter filter;
    filter.platform = procedure.platform;  // every event is written with it: the index's key
    filter.account = account;
    filter.procedure_id = procedure.id;
    filter.up_to_seq = up_to_seq;
    auto read =
        store->for_each_event(filter, [&](const store::Event& e) { tally.apply(procedure, e); });
    if (!read) return read.error();
    return tally;
}

Result<progress::Progress> progress_of(const catalog::Procedure& procedure,
                                       const std::string& account, const store::Store* store,
                                       std::optional<std::int64_t> up_to_seq) {
    auto tally = tally_of(procedure, account, store, up_to_seq);
    if (!tally) return tally.error();
    return tally->progress(procedure);
}

Result<std::vector<progress::Progress>> progress_rows(const catalog::Catalog& catalog,
                                                      const store::Store* store,
                                                      const ProgressQuery& query) {
    // Accounts per platform: the default one, those the user named, and any seen in events.
    std::map<std::string, std::set<std::string>> accounts;
    for (const auto& platform : catalog.platforms) accounts[platform.id].insert(kDefaultAccount);
    // Which (procedure, account) have a journal: only those are read again, one at a time, so
    // the whole journal is never held at once.
    std::set<std::pair<std::string, std::string>> touched;
    if (store != nullptr) {
        auto known = store->accounts();
        if (!known) return known.error();
        for (const auto& a : *known) accounts[a.platform].insert(a.account);
        store::EventFilter filter;
        filter.platform = query.platform;
        filter.account = query.account;
        filter.procedure_id = query.procedure_id;
        auto read = store->for_each_event(filter, [&](const store::Event& e) {
            accounts[e.platform].insert(e.account);
            touched.emplace(e.procedure_id, e.account);
        });
        if (!read) return read.error();
    }
    std::vector<progress::Progress> rows;
    static const std::vector<store::Event> kNone;
    for (const auto& procedure : catalog.procedures) {
        if (query.platform && procedure.platform != *query.platform) continue;
        if (query.procedure_id && procedure.id != *query.procedure_id) continue;
        for (const auto& account : accounts[procedure.platform]) {
            if (query.account && account != *query.account) continue;
            if (!touched.count({procedure.id, account})) {
                rows.push_back(progress::derive(procedure, account, kNone));
                continue;
            }
            auto row = progress_of(procedure, account, store);
            if (!row) return row.error();
            rows.push_back(std::move(*row));
        }
    }
    return rows;
}

}  // namespace og::record
