#pragma once
// A small catalog written for the tests (independent of the real one in host/catalog/), and a
// temporary folder that cleans up after itself.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/loader.hpp"
#include "progress/state.hpp"
#include "store/event.hpp"
#include "support/portable.hpp"

namespace og::test {

using nlohmann::json;

// Appends instead of `"literal" + std::to_string(n)`, on which GCC 12 warns falsely
// (-Wrestrict) in Release builds.
inline std::string numbered(std::string prefix, long n) {
    return prefix.append(std::to_string(n));
}

inline json five(const std::string& text) {
    return json{{"en", text},
                {"fr", text + " (fr)"},
                {"de", text + " (de)"},
                {"es", text + " (es)"},
                {"it", text + " (it)"}};
}

// Its pages are on the first domain and its subdomains, as in the real catalog.
inline json platform_json(const std::string& id, const std::string& name,
                          const std::vector<std::string>& domains) {
    return json{{"id", id},
                {"name", five(name)},
                {"hosts", {domains.at(0), "*." + domains.at(0)}},
                {"domains", domains}};
}

inline json header_json(std::int64_t version = 2025112901) {
    return json{
        {"format", 1},
        {"version", version},
        {"verified", "2025-11-29"},
        {"description", "test catalog"},
        {"platforms",
         json::array({platform_json("instagram", "Instagram", {"instagram.com"}),
                      platform_json("facebook", "Facebook", {"facebook.com", "messenger.com"}),
                      platform_json("meta", "Meta",
                                    {"meta.com", "threads.net", "threads.com", "whatsapp.com"})})}};
}

// Steps in order: 1 open-settings, 2 open-policy, 3 open-form, (wrong-form), 4 submit-form,
// 5 wait-email.
inline json procedure_json(const std::string& id = "test-objection",
                           const std::string& platform = "instagram") {
    return json{
        {"id", id},
        {"platform", platform},
        {"kind", "objection"},
        {"priority", 0},
        {"minEngine", 1},
        {"verified", "2025-11-29"},
        {"title", five("Object")},
        {"summary", five("Summary")},
        {"start", "https://www.instagram.com/"},
        {"directLink", "https://help.instagram.com/contact/233964459562201"},
        {"sources", {"PGA commit a5559edd, Instagram/Privacy Policy.md, 2025-04-15"}},
        {"steps",
         json::array({
             json{{"id", "open-settings"},
                  {"kind", "click"},
                  {"pages", {{{"hosts", {"www.instagram.com"}}, {"paths", {"/"}}}}},
                  {"targets",
                   {{{"by", "role"},
                     {"role", "link"},
                     {"name", {{"en", {"Settings"}}, {"fr", {"Paramètres"}}}}}}},
                  {"instruction", five("Open Settings")},
                  {"complete",
                   {{{"type", "urlMatches"},
                     {"page", {{"hosts", {"www.instagram.com"}}, {"paths", {"/accounts/**"}}}}}}}},
             json{{"id", "open-policy"},
                  {"kind", "navigate"},
                  {"pages", {{{"hosts", {"www.instagram.com"}}, {"paths", {"/accounts/**"}}}}},
                  {"instruction", five("Open the privacy policy")},
                  {"directLink", "https://privacycenter.instagram.com/policy/"}},
             json{
                 {"id", "open-form"},
                 {"kind", "click"},
                 {"pages",
                  {{{"hosts", {"privacycenter.instagram.com"}},
                    {"paths", {"/policy", "/policy/*"}}}}},
                 {"targets",
                  {{{"by", "href"},
                    {"patterns", {"https://help.instagram.com/contact/233964459562201*"}}},
                   {{"by", "text"}, {"text", {{"en", {"object"}}}}, {"within", "p"}},
                   {{"by", "css"}, {"selector", "main a[href*='/contact/']"}}}},
                 {"instruction", five("Click object")},
                 {"lookFor", {{"en", "A paragraph about AI"}}},
                 {"complete",
                  {{{"type", "elementAppears"}, {"locator", {{"by", "css"}, {"selector", "form"}}}},
                   {{"type", "textAppears"}, {"text", {{"en", {"Object to"}}}}},
                   {{"type", "userConfirms"}}}}},
             json{{"id", "wrong-form"},
                  {"kind", "wrong-page"},
                  {"pages",
                   {{{"hosts", {"help.instagram.com"}}, {"paths", {"/contact/117037592428568"}}}}},
                  {"instruction", five("Not this form")},
                  {"warning", five("This is the generic GDPR form")},
                  {"directLink", "https://help.instagram.com/contact/233964459562201"}},
             json{{"id", "submit-form"},
                  {"kind", "submit"},
                  {"pages",
                   {{{"hosts", {"help.instagram.com"}}, {"paths", {"/contact/233964459562201"}}}}},
                  {"targets", {{{"by", "css"}, {"selector", "form button[type=submit]"}}}},
                  {"instruction", five("Send the form")},
                  {"complete",
                   {{{"type", "formSubmitted"},
                     {"accepted", {{"text", {{"en", {"We've received your request"}}}}}}}}},
                  {"marks", "submitted"}},
             json{{"id", "wait-email"},
                  {"kind", "wait"},
                  {"instruction", five("Wait for the email")},
                  {"complete", {{{"type", "userConfirms"}}}},
                  {"marks", "confirmed"}},
         })}};
}

// A journal event of the test procedure for the default Instagram account. A form_submitted
// event is the claim "Meta took the form": it carries what Meta showed; `answer` makes an
// answer_received event's word.
inline store::Event journal_event(const std::string& type, const std::string& step,
                                  const std::string& at, const std::string& answer = "") {
    store::Event e;
    e.type = type;
    e.step_id = step;
    e.at = at;
    e.platform = "instagram";
    e.account = "default";
    e.procedure_id = "test-objection";
    if (type == "form_submitted")
        e.evidence = R"({"text":"We've received your request.","how":"form_replaced"})";
    if (!answer.empty()) e.evidence = progress::answer_detail(answer);
    return e;
}

inline std::vector<catalog::SourceFile> files_of(const json& header,
                                                 const std::vector<json>& procedures) {
    std::vector<catalog::SourceFile> files{{"catalog.json", header.dump(2)}};
    for (const auto& p : procedures)
        files.push_back({"procedures/" + p.at("id").get<std::string>() + ".json", p.dump(2)});
    return files;
}

// Loads a catalog that must be valid (the test fails loudly otherwise).
inline catalog::Catalog load_catalog(const std::vector<json>& procedures,
                                     std::int64_t version = 2025112901) {
    auto r = catalog::load_from_files(files_of(header_json(version), procedures), "test");
    if (!r.catalog) {
        std::string all;
        for (const auto& p : r.problems) all += catalog::format_problem(p) + "\n";
        throw std::runtime_error("test catalog invalid:\n" + all);
    }
    return std::move(*r.catalog);
}

class TempDir {
  public:
    TempDir() {
        path_ = unique_temp_path("og-engine-");
        if (!std::filesystem::create_directory(path_))
            throw std::runtime_error("cannot create " + path_.string());
    }
    ~TempDir() {
        std::error_code ec;
        // Restore write permission a test may have taken away, so removal works.
        for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
            if (it->is_directory(ec))
                std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                             std::filesystem::perm_options::add, ec);
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

  private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << text;
}

inline void write_catalog_dir(const std::filesystem::path& dir, const json& header,
                              const std::vector<json>& procedures) {
    for (const auto& f : files_of(header, procedures)) write_file(dir / f.path, f.text);
}

}  // namespace og::test
