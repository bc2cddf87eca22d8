#include "catalog/loader.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>

#include "catalog/pack.hpp"

namespace og::catalog {
namespace {

// A catalog is a few hundred KiB of text; a folder or file past this is refused unread, so a
// dropped-in file cannot make the host hold gigabytes before saying it is wrong.
constexpr std::uintmax_t kMaxCatalogBytes = std::uintmax_t{8} << 20;

using nlohmann::json;

std::string escape_token(const std::string& key) {
    std::string out;
    for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

// Parses `text`, reporting syntax errors and duplicate keys (which nlohmann would silently
// collapse, hiding a typo or a forgotten edit).
std::optional<json> parse(const std::string& text, const std::string& file,
                          std::vector<Problem>& problems) {
    struct Frame {
        bool array = false;
        std::set<std::string> keys;
        std::string key;
        std::size_t index = 0;
    };
    std::vector<Frame> stack;
    auto pointer = [&stack]() {
        std::string p;
        for (std::size_t i = 0; i + 1 < stack.size(); ++i)
            p += "/" +
                 (stack[i].array ? std::to_string(stack[i].index) : escape_token(stack[i].key));
        return p;
    };
    auto callback = [&](int, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
            case json::parse_event_t::array_start:
                stack.push_back(Frame{event == json::parse_event_t::array_start, {}, {}, 0});
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                stack.pop_back();
                if (!stack.empty() && stack.back().array) ++stack.back().index;
                break;
            case json::parse_event_t::key: {
                auto& top = stack.back();
                top.key = parsed.get<std::string>();
                if (!top.keys.insert(top.key).second) {
                    stack.push_back(Frame{});  // so pointer() includes the key itself
                    problems.push_back(
                        Problem{file, pointer(), "duplicate key \"" + top.key + "\""});
                    stack.pop_back();
                }
                break;
            }
            case json::parse_event_t::value:
                if (!stack.empty() && stack.back().array) ++stack.back().index;
                break;
        }
        return true;
    };
    try {
        return json::parse(text, callback);
    } catch (const json::exception& e) {
        // parse_error, or out_of_range for a number beyond a double's ("2026e120101"): found by
        // fuzz/fuzz_catalog.
        problems.push_back(Problem{file, "", std::string("not valid JSON: ") + e.what()});
    }
    return std::nullopt;
}

LocalizedText text_of(const json& obj, const char* key) {
    LocalizedText out;
    if (auto it = obj.find(key); it != obj.end())
        for (auto l = it->begin(); l != it->end(); ++l) out[l.key()] = l->get<std::string>();
    return out;
}

LocalizedList list_of(const json& obj, const char* key) {
    LocalizedList out;
    if (auto it = obj.find(key); it != obj.end())
        for (auto l = it->begin(); l != it->end(); ++l)
            out[l.key()] = l->get<std::vector<std::string>>();
    return out;
}

std::optional<std::string> opt_string(const json& obj, const char* key) {
    if (auto it = obj.find(key); it != obj.end()) return it->get<std::string>();
    return std::nullopt;
}

// As the protocol serialises (protocol/message.cpp), so that a reply splices it unchanged.
JsonText json_text(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) return JsonText{};
    return JsonText{it->dump(-1, ' ', false, json::error_handler_t::replace)};
}

bool needs_newer_engine(const json& obj) {
    auto it = obj.find("minEngine");
    return it != obj.end() && it->get<std::int64_t>() > kEngineVersion;
}

}  // namespace

Platform platform_from(const json& j) {
    return Platform{j.at("id").get<std::string>(), text_of(j, "name"),
                    j.at("hosts").get<std::vector<std::string>>(),
                    j.at("domains").get<std::vector<std::string>>()};
}

PageMatcher page_matcher_of(const json& j) {
    PageMatcher m;
    m.hosts = j.at("hosts").get<std::vector<std::string>>();
    if (auto it = j.find("paths"); it != j.end()) m.paths = it->get<std::vector<std::string>>();
    if (auto it = j.find("query"); it != j.end())
        m.query = it->get<std::map<std::string, std::string>>();
    m.headings = list_of(j, "headings");
    return m;
}

std::optional<Procedure> procedure_from(const json& doc, std::vector<std::string>& notes) {
    const std::string id = doc.at("id").get<std::string>();
    if (needs_newer_engine(doc)) {
        notes.push_back("procedure \"" + id + "\" needs engine " + doc.at("minEngine").dump() +
                        " (this is " + std::to_string(kEngineVersion) + "): skipped");
        return std::nullopt;
    }
    Procedure p;
    p.id = id;
    p.platform = doc.at("platform").get<std::string>();
    p.kind = doc.at("kind").get<std::string>();
    p.priority = doc.value("priority", 0);
    p.verified = doc.at("verified").get<std::string>();
    p.title = text_of(doc, "title");
    p.summary = text_of(doc, "summary");
    p.start = doc.at("start").get<std::string>();
    p.direct_link = opt_string(doc, "directLink");
    p.sources = doc.at("sources").get<std::vector<std::string>>();
    p.fallback_targets = json_text(doc, "fallbackTargets");
    int index = 0;
    for (const auto& s : doc.at("steps")) {
        if (needs_newer_engine(s)) {
            notes.push_back("step \"" + id + "/" + s.at("id").get<std::string>() +
                            "\" needs engine " + s.at("minEngine").dump() + " (this is " +
                            std::to_string(kEngineVersion) + "): skipped");
            continue;
        }
        Step st;
        st.id = s.at("id").get<std::string>();
        st.kind = s.at("kind").get<std::string>();
        if (st.counted()) st.index = ++index;
        if (auto it = s.find("pages"); it != s.end())
            for (const auto& pg : *it) st.pages.push_back(page_matcher_of(pg));
        st.targets = json_text(s, "targets");
        st.complete = json_text(s, "complete");
        st.instruction = text_of(s, "instruction");
        st.look_for = text_of(s, "lookFor");
        st.warning = text_of(s, "warning");
        st.direct_link = opt_string(s, "directLink");
        st.marks = opt_string(s, "marks");
        st.unverified = s.value("unverified", false);
        for (const auto& a : s.value("answers", json::array()))
            st.answers.push_back(Answer{a.at("id").get<std::string>(), text_of(a, "advice")});
        p.steps.push_back(std::move(st));
    }
    if (index == 0) {
        notes.push_back("procedure \"" + id + "\" has no step this engine can show: skipped");
        return std::nullopt;
    }
    // A route keeps the steps this engine shows; one left with none is no way through.
    for (const auto& r : doc.value("routes", json::array())) {
        Route route{r.at("id").get<std::string>(), {}};
        for (const auto& sid : r.at("steps")) {
            const Step* s = p.find_step(sid.get<std::string>());
            if (s != nullptr && s->counted()) route.steps.push_back(s->id);
        }
        if (!route.steps.empty()) p.routes.push_back(std::move(route));
    }
    if (p.routes.empty()) {
        Route all{"steps", {}};
        for (const auto& s : p.steps)
            if (s.counted()) all.steps.push_back(s.id);
        p.routes.push_back(std::move(all));
    }
    return p;
}

namespace {

bool is_procedure_path(const std::string& path) {
    constexpr std::string_view dir = "procedures/";
    return path.rfind(dir, 0) == 0 && path.size() > dir.size() + 5 && path.ends_with(".json") &&
           path.find('/', dir.size()) == std::string::npos;
}

std::optional<std::string> read_file(const std::filesystem::path& p, std::string& error) {
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(p, ec); !ec && size > kMaxCatalogBytes) {
        error = std::to_string(size) + " bytes, over the " +
                std::to_string(kMaxCatalogBytes >> 20) + " MiB a catalog may take; not read";
        return std::nullopt;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        error = "cannot be read";
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = "read error";
        return std::nullopt;
    }
    return ss.str();
}

}  // namespace

void prefix_files(std::vector<Problem>& problems, const std::filesystem::path& dir) {
    // Catalog-relative names use '/'; a person on Windows reads the path with its own separator.
    for (auto& p : problems)
        p.file = (dir / std::filesystem::path(p.file).make_preferred()).string();
}

namespace {

// The header a lone procedure file belongs to: <catalog>/procedures/<id>.json has its
// <catalog>/catalog.json; anything else is read as part of the built-in catalog (`fallback`).
Scope scope_for_file(const std::filesystem::path& file, const Scope& fallback) {
    std::vector<Problem> ignored;  // the header's own problems are not this file's
    const auto dir = std::filesystem::absolute(file).parent_path();
    std::string error;
    if (dir.filename() == "procedures")
        if (auto text = read_file(dir.parent_path() / "catalog.json", error))
            if (auto doc = parse(*text, "catalog.json", ignored)) return scope_of(*doc);
    return fallback;
}

// The validator's pass over a catalog's files: every problem, and the documents when none.
struct Validated {
    std::optional<json> header;
    std::vector<std::pair<std::string, json>> procedures;  // sorted by path
    std::vector<Problem> problems;
};

Validated validate_files(const std::vector<SourceFile>& files, const Allowlist* trusted) {
    Validated r;
    std::optional<json>& header = r.header;
    std::vector<std::pair<std::string, json>>& procedures = r.procedures;
    std::size_t procedure_files = 0;
    for (const auto& f : files) {
        if (f.path == "catalog.json") {
            if (auto doc = parse(f.text, f.path, r.problems)) {
                validate_header(*doc, f.path, r.problems, trusted);
                header = std::move(doc);
            } else {
                header = json();  // present but broken: already reported
            }
        } else if (is_procedure_path(f.path)) {
            ++procedure_files;
            if (auto doc = parse(f.text, f.path, r.problems))
                procedures.emplace_back(f.path, std::move(*doc));
        } else {
            r.problems.push_back(Problem{
                f.path, "",
                "unexpected file: a catalog holds catalog.json and procedures/<id>.json only"});
        }
    }
    if (!header)
        r.problems.push_back(Problem{"catalog.json", "", "missing: every catalog has a header"});
    if (procedure_files == 0)
        r.problems.push_back(
            Problem{"procedures/", "", "no procedure files: the catalog would be empty"});
    std::sort(procedures.begin(), procedures.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    // Procedures are checked against the platforms the header declares, wherever it was listed.
    const Scope scope = header ? scope_of(*header) : Scope{};
    for (const auto& [path, doc] : procedures) validate_procedure(doc, path, scope, r.problems);
    std::set<std::string> ids;
    for (const auto& [path, doc] : procedures) {
        auto id = doc.find("id");
        if (doc.is_object() && id != doc.end() && id->is_string() &&
            !ids.insert(id->get<std::string>()).second)
            r.problems.push_back(
                Problem{path, "/id", "duplicate procedure id \"" + id->get<std::string>() + "\""});
    }
    return r;
}

// Reads every .json file below `dir`; what cannot be read goes to `problems`.
std::vector<SourceFile> read_directory(const std::filesystem::path& dir,
                                       std::vector<Problem>& problems) {
    namespace fs = std::filesystem;
    std::vector<SourceFile> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        problems.push_back(Problem{dir.string(), "", "not a folder"});
        return files;
    }
    std::uintmax_t total = 0;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->path().extension() != ".json") continue;
        std::string rel = fs::relative(it->path(), dir, ec).generic_string();
        // Sizes are added up before anything is read: a huge file is refused, not loaded.
        total += it->file_size(ec);
        if (total > kMaxCatalogBytes) {
            problems.push_back(Problem{rel, "",
                                       "the catalog's .json files reach " + std::to_string(total) +
                                           " bytes here, over the " +
                                           std::to_string(kMaxCatalogBytes >> 20) +
                                           " MiB a catalog may take; not read"});
            break;
        }
        std::string error;
        if (auto text = read_file(it->path(), error))
            files.push_back(SourceFile{rel, std::move(*text)});
        else
            problems.push_back(Problem{rel, "", error});
    }
    if (ec) problems.push_back(Problem{dir.string(), "", "cannot list: " + ec.message()});
    return files;
}

void log_notes(const std::vector<std::string>& notes, const std::string& source) {
    for (const auto& n : notes) spdlog::info("catalog {}: {}", source, n);
}

}  // namespace

LoadResult load_from_files(const std::vector<SourceFile>& files, const std::string& source,
                           const Allowlist* trusted) {
    LoadResult r;
    Validated v = validate_files(files, trusted);
    r.problems = std::move(v.problems);
    if (!r.problems.empty()) return r;

    const json& header = *v.header;
    Catalog c;
    c.format = header.at("format").get<int>();
    c.version = header.at("version").get<std::int64_t>();
    c.verified = header.at("verified").get<std::string>();
    c.source = source;
    for (const auto& p : header.at("platforms")) c.platforms.push_back(platform_from(p));
    for (const auto& [path, doc] : v.procedures)
        if (auto p = procedure_from(doc, r.notes)) c.procedures.push_back(std::move(*p));
    log_notes(r.notes, source);
    r.catalog = std::move(c);
    return r;
}

PackResult pack_files(const std::vector<SourceFile>& files, const Allowlist* trusted) {
    PackResult r;
    Validated v = validate_files(files, trusted);
    r.problems = std::move(v.problems);
    if (!r.problems.empty()) return r;
    std::vector<Procedure> procedures;
    for (auto& [path, doc] : v.procedures)
        if (auto p = procedure_from(doc, r.notes)) procedures.push_back(std::move(*p));
    r.version = v.header->at("version").get<std::int64_t>();
    r.pack = write_pack(*v.header, procedures, r.notes);
    return r;
}

PackResult pack_directory(const std::filesystem::path& dir, const Allowlist* trusted) {
    std::vector<Problem> problems;
    auto files = read_directory(dir, problems);
    PackResult r = problems.empty() ? pack_files(files, trusted) : PackResult{};
    r.problems.insert(r.problems.begin(), problems.begin(), problems.end());
    if (!r.problems.empty()) r.pack.reset();
    return r;
}

LoadResult load_directory(const std::filesystem::path& dir, const Allowlist* trusted) {
    std::vector<Problem> problems;
    auto files = read_directory(dir, problems);
    LoadResult loaded =
        problems.empty() ? load_from_files(files, dir.string(), trusted) : LoadResult{};
    loaded.problems.insert(loaded.problems.begin(), problems.begin(), problems.end());
    if (!loaded.problems.empty()) loaded.catalog.reset();
    return loaded;
}

std::vector<Problem> check_path_within(const std::filesystem::path& path, const Scope& builtin,
                                       const Allowlist& trusted) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        auto r = load_directory(path, &trusted);
        prefix_files(r.problems, path);
        return r.problems;
    }
    if (!fs::exists(path, ec)) return {Problem{path.string(), "", "no such file or folder"}};
    if (path.filename() == "catalog.json") {
        // A header means nothing without its procedures: check the catalog it heads.
        fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
        auto r = load_directory(dir, &trusted);
        prefix_files(r.problems, path.parent_path());
        return r.problems;
    }
    std::vector<Problem> problems;
    std::string error;
    auto text = read_file(path, error);
    if (!text) return {Problem{path.string(), "", error}};
    if (auto doc = parse(*text, path.string(), problems))
        validate_procedure(*doc, path.string(), scope_for_file(path, builtin), problems);
    return problems;
}

}  // namespace og::catalog
