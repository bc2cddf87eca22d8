// The catalog loader and validator on arbitrary files, then the matcher on what it accepted.
// Input: files, each introduced by a line "=== <path>" (e.g. "=== procedures/x.json"); input
// without such a line is one procedure file. Whatever the files say, the loader either
// refuses with problems or yields a catalog whose every link is https on the built-in catalog's
// allowlist, loaded as the host loads a user's override.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "builtin/builtin.hpp"
#include "catalog/matcher.hpp"
#include "catalog/validator.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace og::catalog;

std::vector<SourceFile> split_files(std::string_view input) {
    std::vector<SourceFile> files;
    constexpr std::string_view marker = "=== ";
    if (input.substr(0, marker.size()) != marker)
        return {{"procedures/fuzz.json", std::string(input)}};
    std::size_t pos = 0;
    while (pos < input.size()) {
        const std::size_t eol = input.find('\n', pos);
        const std::size_t name_end = eol == std::string_view::npos ? input.size() : eol;
        SourceFile f;
        f.path = std::string(input.substr(pos + marker.size(), name_end - pos - marker.size()));
        const std::size_t body = eol == std::string_view::npos ? input.size() : eol + 1;
        std::size_t next = input.find("\n=== ", body);
        if (next == std::string_view::npos) next = input.size();
        f.text = std::string(input.substr(body, next - body));
        files.push_back(std::move(f));
        pos = next == input.size() ? next : next + 1;
    }
    return files;
}

void require_allowed(const Allowlist& allowlist, const std::string& url, const std::string& where) {
    if (!allowlist.allows_url(url))
        og::fuzz::broken("a loaded catalog links off the allowlist", where + ": " + url);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    og::fuzz::quiet_logs();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto files = split_files(std::string_view(reinterpret_cast<const char*>(data), size));
    static const Allowlist builtin = builtin_allowlist();
    const LoadResult loaded = load_from_files(files, "fuzz", &builtin);
    if (loaded.catalog && !loaded.problems.empty())
        og::fuzz::broken("catalog loaded despite problems");
    if (!loaded.catalog) {
        if (loaded.problems.empty()) og::fuzz::broken("refused without naming a problem");
        for (const auto& p : loaded.problems) (void)format_problem(p);
        return 0;
    }
    const Catalog& catalog = *loaded.catalog;
    const Allowlist& allowlist = builtin;
    if (catalog.allowlist().empty()) og::fuzz::broken("a loaded catalog has no allowlist");
    MatchIndex index(catalog);
    for (const auto& proc : catalog.procedures) {
        require_allowed(allowlist, proc.start, proc.id + "/start");
        if (proc.direct_link)
            require_allowed(allowlist, *proc.direct_link, proc.id + "/directLink");
        for (const auto& step : proc.steps) {
            if (step.direct_link)
                require_allowed(allowlist, *step.direct_link, proc.id + "/" + step.id);
            for (const auto& page : step.pages)
                for (const auto& host : page.hosts)
                    if (!allowlist.allows_host(host))
                        og::fuzz::broken("a loaded catalog matches a host off the allowlist", host);
        }
        // Match the procedure's own start page, as the extension would report it.
        PageContext ctx;
        ctx.url = proc.start;
        ctx.ui_lang = "fr";
        ctx.doc_lang = "en";
        for (const auto& ref : index.candidates(ctx))
            if (ref.procedure == nullptr || ref.step == nullptr) og::fuzz::broken("null candidate");
    }
    return 0;
}
