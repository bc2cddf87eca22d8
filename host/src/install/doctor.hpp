#pragma once
// The doctor: for every browser found, is the host reachable exactly as that browser would
// reach it, and if not, why and which command fixes it.
#include <optional>
#include <string>
#include <vector>

#include "install/environment.hpp"
#include "install/manifest.hpp"
#include "install/probe.hpp"
#include "install/problem.hpp"

namespace og::install {

struct BrowserReport {
    std::string browser_id;
    std::string name;
    Family family = Family::chromium;
    std::string variant;   // "", "flatpak" or "snap"
    std::string evidence;  // the folder that showed the browser is there
    std::string manifest;  // the manifest the browser would use, or empty
    std::string scope;     // "user" / "system" for that manifest
    Problems problems;
    std::optional<ProbeResult> probe;
    bool ready() const;
};

struct DoctorReport {
    std::string host_name;
    std::vector<BrowserReport> browsers;
    Problems general;
    bool ok() const;
};

struct DoctorContext {
    Environment env;
    Identity identity;
    std::string command;  // how to call this program in fix commands
};

DoctorReport run_doctor(const DoctorContext& ctx);

// In `lang` (util/messages.hpp), the problems' sentences included; the codes, paths, commands
// and the browsers' own error strings stay as they are.
std::string report_text(const DoctorReport& r, std::string_view lang = "en");
std::string report_json(const DoctorReport& r, std::string_view lang = "en");

// The sentences of a failed probe of `program` started as `browser` starts it (every platform).
std::vector<messages::Phrase> hello_failed(const ProbeResult& probe, const std::string& program,
                                           const std::string& browser);

}  // namespace og::install
