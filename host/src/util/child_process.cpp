#include "util/child_process.hpp"

namespace og::process {

void Child::finish() {
    close_pipes();
    if (!wait_for(std::chrono::seconds(3))) {
        kill();
        wait();
    }
}

Result<Finished> run(Options options) {
    if (options.out.kind == Redirect::Kind::inherit) options.out = Redirect::pipe();
    if (options.err.kind == Redirect::Kind::inherit) options.err = Redirect::pipe();
    auto child = Child::start(options);
    if (!child) return child.error();
    child->close_stdin();
    Finished f;
    child->collect(f.out, f.err, std::chrono::steady_clock::time_point::max(),
                   [](const std::string&) { return false; });
    f.status = child->wait();
    return f;
}

}  // namespace og::process
