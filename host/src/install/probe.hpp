#pragma once
// Starts the host exactly as a browser would (argv, working folder) and completes a `hello`
// exchange over real pipes: the doctor's proof that the browser will get an answer.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "install/browsers.hpp"
#include "util/messages.hpp"

namespace og::install {

struct ProbeResult {
    bool ok = false;
    std::string code;          // when !ok: start_failed, host_exited, bad_frame, bad_reply, timeout
    messages::Phrase message;  // for a person, with the browser's own wording of the symptom
    double milliseconds = 0;
    std::string host_version;
    std::string stderr_tail;  // last bytes the host wrote to stderr
};

// Chromium: argv = [path, "chrome-extension://<id>/"]; Firefox: argv = [path, manifest, addon].
std::vector<std::string> browser_argv(Family family, const std::string& host_path,
                                      const std::string& manifest_file,
                                      const std::string& chromium_origin,
                                      const std::string& addon_id);

ProbeResult probe_host(Family family, const std::vector<std::string>& argv,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace og::install
