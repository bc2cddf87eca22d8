// Writes a synthetic catalog of N procedures (default 1,000) as an override folder, for the
// warm-latency benchmark: the built-in procedures cloned under new ids, each clone's pages moved
// under its own path prefix ("/b0042/..."). Every clone stays on the same Meta hosts, so the
// host index cannot narrow the search: all clones of a host share one bucket, the worst case.
// Each clone's texts are cut short (shorten_texts), so 1,000 procedures stay under the 8 MiB an
// override catalog may take.
// Prints the URL and the step of the last clone of the first objection procedure, for the
// benchmark to ask about.
//   make_catalog SOURCE_CATALOG_DIR OUT_DIR [N]
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

static json read_json(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return json::parse(s.str());
}

static void write_json(const fs::path& p, const json& j) {
    std::ofstream out(p);
    out << j.dump();
}

// Every array of texts (a step's look-for phrases, a target's names in each language) cut to
// its first text and every text but a CSS selector to 48 bytes on a character boundary: the
// procedure keeps its structure, pages, rules and routes (lists of step ids) whole.
static void shorten_texts(json& j) {
    if (j.is_array()) {
        if (!j.empty() && j[0].is_string() && j.size() > 1) j.erase(j.begin() + 1, j.end());
        for (auto& v : j) shorten_texts(v);
    } else if (j.is_object()) {
        for (auto& [key, value] : j.items())
            if (key != "pages" && key != "id" && key != "selector" && key != "routes")
                shorten_texts(value);
    } else if (j.is_string()) {
        std::string text = j.get<std::string>();
        if (text.size() <= 48) return;
        std::size_t n = 48;
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
        j = text.substr(0, n);
    }
}

static std::string prefix_for(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "/b%04d", n);
    return buf;
}

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: make_catalog SOURCE_CATALOG_DIR OUT_DIR [N]\n";
        return 2;
    }
    const fs::path source = argv[1], out = argv[2];
    const int count = argc > 3 ? std::stoi(argv[3]) : 1000;
    std::vector<json> templates;
    for (const auto& e : fs::directory_iterator(source / "procedures"))
        if (e.path().extension() == ".json") templates.push_back(read_json(e.path()));
    std::sort(templates.begin(), templates.end(),
              [](const json& a, const json& b) { return a["id"] < b["id"]; });
    if (templates.empty()) {
        std::cerr << "no procedures under " << source << "\n";
        return 1;
    }

    fs::remove_all(out);
    fs::create_directories(out / "procedures");
    json header = read_json(source / "catalog.json");
    header["version"] = header["version"].get<long long>() + 1;  // newer, so it wins
    header["description"] =
        "synthetic benchmark catalog of " + std::to_string(count) + " procedures";
    write_json(out / "catalog.json", header);

    std::string sample_url, sample_procedure, sample_step;
    for (int n = 0; n < count; ++n) {
        json p = templates[static_cast<std::size_t>(n) % templates.size()];
        const std::string prefix = prefix_for(n);
        const std::string id = "b" + std::to_string(n) + "-" + p["id"].get<std::string>();
        p["id"] = id;
        shorten_texts(p);
        for (auto& step : p["steps"]) {
            if (!step.contains("pages")) continue;
            for (auto& page : step["pages"]) {
                json paths = json::array();
                if (!page.contains("paths") || page["paths"].empty())
                    paths.push_back(prefix + "/**");
                else
                    for (const auto& path : page["paths"])
                        paths.push_back(prefix + path.get<std::string>());
                page["paths"] = paths;
                if (p["kind"] == "objection" && step["id"] == "open-form" &&
                    n >= count - static_cast<int>(templates.size()) && sample_url.empty()) {
                    std::string path = paths[0].get<std::string>();
                    if (path.find('*') == std::string::npos) {
                        sample_url = "https://" + page["hosts"][0].get<std::string>() + path;
                        sample_procedure = id;
                        sample_step = step["id"];
                    }
                }
            }
        }
        write_json(out / "procedures" / (id + ".json"), p);
    }
    std::cout << "url " << sample_url << "\nprocedure " << sample_procedure << "\nstep "
              << sample_step << "\n";
    return sample_url.empty() ? 1 : 0;
}
