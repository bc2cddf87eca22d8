// The messages that read the catalog: listProcedures, getProcedure, nextStep.
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "guide/selector.hpp"
#include "progress/route.hpp"
#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/message.hpp"
#include "protocol/paging.hpp"
#include "protocol/reply.hpp"
#include "record/progress.hpp"

namespace og::protocol {
namespace {

using nlohmann::json;

json localized_or_null(const catalog::LocalizedText& text, const std::string& lang) {
    if (text.empty()) return nullptr;
    return catalog::localized(text, lang);
}

std::string language_used(const catalog::LocalizedText& text, const std::string& lang) {
    if (text.count(lang)) return lang;
    if (text.count("en") || text.empty()) return "en";
    return text.begin()->first;
}

// The answers Meta may send at `step` (docs/protocol.md, "Answers"), each with what the user
// can do then, in `lang`.
json answers_json(const catalog::Step* step, const std::string& lang) {
    json out = json::array();
    if (step != nullptr)
        for (const auto& a : step->answers)
            out.push_back({{"answer", a.id}, {"advice", localized_or_null(a.advice, lang)}});
    return out;
}

json procedure_summary(const catalog::Procedure& p, const std::string& lang) {
    return {{"id", p.id},
            {"platform", p.platform},
            {"kind", p.kind},
            {"title", catalog::localized(p.title, lang)},
            {"summary", catalog::localized(p.summary, lang)},
            {"steps", p.counted_steps()},
            {"start", p.start},
            {"directLink", nullable(p.direct_link)},
            {"verified", p.verified}};
}

}  // namespace

Dispatcher::Reply Dispatcher::list_procedures(const ListProceduresRequest& r, json reply) {
    std::vector<json> items;
    for (const auto& p : catalog_->full().procedures) items.push_back(procedure_summary(p, r.lang));
    auto pg = page_of(items, r.cursor, "/cursor");
    if (!pg) return pg.error();
    reply["procedures"] = std::move(pg->items);
    reply["nextCursor"] = std::move(pg->next_cursor);
    return reply;
}

Dispatcher::Reply Dispatcher::get_procedure(const GetProcedureRequest& r, json reply) {
    const catalog::Procedure& p = *r.procedure;
    json out = procedure_summary(p, r.lang);
    json steps = json::array();
    for (const auto& s : p.steps) {
        if (!s.counted()) continue;
        steps.push_back({{"id", s.id},
                         {"kind", s.kind},
                         {"index", s.index},
                         {"instruction", catalog::localized(s.instruction, r.lang)},
                         {"directLink", nullable(s.direct_link)},
                         {"answers", answers_json(&s, r.lang)}});
    }
    out["steps"] = std::move(steps);
    out["stepCount"] = p.counted_steps();
    out["sources"] = p.sources;
    reply["procedure"] = std::move(out);
    return reply;
}

Dispatcher::Reply Dispatcher::next_step(const NextStepRequest& r, json reply) {
    // One implementation: the reply the serve loop sends as text, read back for callers that
    // want the tree (tests, the fuzzer).
    return json::parse(next_step_text(reply["id"], r));
}

const std::string& Dispatcher::step_text(const catalog::Procedure& p, const catalog::Step& s,
                                         const std::string& l) {
    std::string key = p.id + '\x1f' + s.id + '\x1f' + l;
    if (auto it = step_text_.find(key); it != step_text_.end()) return it->second;
    const json part = {{"procedureId", p.id},
                       {"platform", p.platform},
                       {"stepId", s.id},
                       {"kind", s.kind},
                       {"instruction", catalog::localized(s.instruction, l)},
                       {"lookFor", localized_or_null(s.look_for, l)},
                       {"warning", localized_or_null(s.warning, l)},
                       {"unverified", s.unverified},
                       {"catalogVersion", catalog_->header().version},
                       {"directLink", nullable(s.direct_link ? s.direct_link : p.direct_link)},
                       {"procedureTitle", catalog::localized(p.title, l)},
                       {"language", language_used(s.instruction, l)},
                       {"answerStepId", p.answer_step() ? json(p.answer_step()->id) : json()},
                       {"answers", answers_json(p.answer_step(), l)}};
    std::string text = dump(part);
    text.pop_back();  // the closing brace: the reply adds its per-request members after these
    // The catalog keeps these as validated JSON text: spliced, never rebuilt as a tree.
    text += ",\"targets\":" + s.targets.text + ",\"fallbackTargets\":" + p.fallback_targets.text +
            ",\"complete\":" + s.complete.text;
    if (step_text_.size() >= kMaxStepTexts) step_text_.clear();
    return step_text_.emplace(std::move(key), std::move(text)).first->second;
}

std::string Dispatcher::next_step_text(const json& id, const NextStepRequest& r) {
    const auto candidates = catalog_->candidates(r.url, r.page);
    // Each candidate procedure's progress comes from the cache (SQLite only when this pair was
    // not read since the journal last changed), once per request however often it is looked at.
    std::unordered_map<const catalog::Procedure*, progress::Progress> memo;
    std::optional<Error> store_error;
    store::Store* const journal = candidates.empty() ? nullptr : store();
    progress_.revalidate(journal);
    auto progress_of = [&](const catalog::Procedure& p) -> const progress::Progress& {
        auto it = memo.find(&p);
        if (it != memo.end()) return it->second;
        auto got = progress_.get(p, r.account, journal);
        if (!got) {
            // Guidance still works from the catalog alone when the journal cannot be read.
            store_error = got.error();
            return memo.emplace(&p, progress::derive(p, r.account, {})).first->second;
        }
        return memo.emplace(&p, std::move(*got)).first->second;
    };
    const auto selection = guide::select_step(candidates, progress_of, r.hint);
    if (store_error) spdlog::warn("nextStep without progress: {}", store_error->message);
    std::string out = "{\"id\":" + dump(id) + ",\"ok\":true,\"match\":";
    if (!selection || selection->procedure == nullptr || selection->step == nullptr)
        return out + "null}";
    const catalog::Procedure& p = *selection->procedure;
    const catalog::Step& s = *selection->step;
    const progress::Progress& current = progress_of(p);
    // The step's texts and locators are serialised once per language; only these vary.
    out += step_text(p, s, r.lang);
    // k of n on the route this user is on, so not part of the step's cached text.
    const progress::Position at = progress::position_of(p, s.id, current.done_steps);
    out +=
        ",\"stepIndex\":" + std::to_string(at.index) + ",\"stepCount\":" + std::to_string(at.count);
    out += ",\"account\":" + dump(r.account);
    out += ",\"state\":" + dump(progress::to_string(current.state));
    out += current.done_steps.count(s.id) > 0 ? ",\"done\":true" : ",\"done\":false";
    out += ",\"progress\":" + dump(record::progress_json(current)) + "}}";
    return out;
}

std::string Dispatcher::handle_text(const json& request) {
    // nextStep, the request of every page view, skips the reply tree, and so does exportRecord,
    // the largest reply (its page written once, into its text); anything unusual about the
    // request (no id, a bad field) takes the general path, which words the error.
    const auto type = request.is_object() ? request.find("type") : request.end();
    const json id = request_id(request);
    if (type != request.end() && type->is_string() && !id.is_null()) {
        if (*type == "nextStep" || *type == "exportRecord") confirm_catalog();
        if (*type == "nextStep") {
            if (auto parsed = parse_next_step(Fields(request, ""), *catalog_)) {
                wrote_ = false;
                std::string text = next_step_text(id, *parsed);
                if (text.size() <= kMaxOutbound) return text;
            }
        } else if (*type == "exportRecord") {
            if (auto parsed = parse_export_record(Fields(request, ""), *catalog_)) {
                wrote_ = false;
                return export_record_text(id, *parsed);
            }
        }
    }
    return RequestHandler::handle_text(request);
}

}  // namespace og::protocol
