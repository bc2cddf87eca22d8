#include <windows.h>

#include <algorithm>
#include <mutex>
#include <system_error>
#include <thread>

#include "util/child_process.hpp"
#include "util/wide_windows.hpp"

namespace og::process {

namespace {

struct Handle {
    HANDLE h = nullptr;
    Handle() = default;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }
    void reset() {
        if (h != nullptr && h != INVALID_HANDLE_VALUE) CloseHandle(h);
        h = nullptr;
    }
    bool valid() const { return h != nullptr && h != INVALID_HANDLE_VALUE; }
};

std::string why(DWORD code) {
    return std::system_category().message(static_cast<int>(code)) + " (Windows error " +
           std::to_string(code) + ")";
}

Error start_failed(const std::string& program, DWORD code) {
    return make_error("start_failed", "cannot start " + program + ": " + why(code));
}

// The child's end is inheritable, ours is not, so other children never hold our pipes open.
bool child_end(const Redirect& r, bool input, Handle& ours, Handle& theirs, DWORD std_handle) {
    SECURITY_ATTRIBUTES sa{sizeof sa, nullptr, TRUE};
    switch (r.kind) {
        case Redirect::Kind::inherit: {
            HANDLE mine = GetStdHandle(std_handle);
            if (mine == nullptr || mine == INVALID_HANDLE_VALUE) return true;
            return DuplicateHandle(GetCurrentProcess(), mine, GetCurrentProcess(), &theirs.h, 0,
                                   TRUE, DUPLICATE_SAME_ACCESS);
        }
        case Redirect::Kind::null:
            theirs.h =
                CreateFileW(L"NUL", input ? GENERIC_READ : GENERIC_WRITE,
                            FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, nullptr);
            return theirs.valid();
        case Redirect::Kind::file:
            theirs.h = CreateFileW(r.file.wstring().c_str(), GENERIC_WRITE,
                                   FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, &sa,
                                   CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
            return theirs.valid();
        case Redirect::Kind::pipe: {
            HANDLE read_end = nullptr, write_end = nullptr;
            if (!CreatePipe(&read_end, &write_end, &sa, 0)) return false;
            (input ? ours.h : theirs.h) = write_end;
            (input ? theirs.h : ours.h) = read_end;
            return SetHandleInformation(ours.h, HANDLE_FLAG_INHERIT, 0);
        }
    }
    return false;
}

// The quoting CommandLineToArgvW and the C runtime undo (backslashes only matter before '"').
std::wstring quote(const std::wstring& arg) {
    if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) return arg;
    std::wstring out = L"\"";
    for (auto it = arg.begin();; ++it) {
        std::size_t backslashes = 0;
        while (it != arg.end() && *it == L'\\') {
            ++it;
            ++backslashes;
        }
        if (it == arg.end()) {
            out.append(backslashes * 2, L'\\');
            break;
        }
        if (*it == L'"') {
            out.append(backslashes * 2 + 1, L'\\');
        } else {
            out.append(backslashes, L'\\');
        }
        out.push_back(*it);
    }
    return out + L"\"";
}

// Windows environment names are case-insensitive ("Path" and "PATH" are one variable).
struct Caseless {
    bool operator()(const std::wstring& a, const std::wstring& b) const {
        return CompareStringOrdinal(a.c_str(), -1, b.c_str(), -1, TRUE) == CSTR_LESS_THAN;
    }
};

std::wstring environment_block(const Options& o) {
    std::map<std::wstring, std::wstring, Caseless> vars;
    if (o.inherit_env) {
        LPWCH block = GetEnvironmentStringsW();
        for (LPWCH p = block; p && *p; p += wcslen(p) + 1) {
            const std::wstring entry(p);
            const auto eq = entry.find(L'=', 1);  // "=C:=C:\..." entries start with '='
            if (eq == std::wstring::npos) continue;
            vars[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
        FreeEnvironmentStringsW(block);
    }
    for (const auto& [name, value] : o.env) vars[wide::from_utf8(name)] = wide::from_utf8(value);
    std::wstring out;
    for (const auto& [name, value] : vars) out += name + L"=" + value + L'\0';
    return out + L'\0';
}

// Handles become inheritable one start at a time, so a child started on another thread never
// inherits this one's pipe ends.
std::mutex& start_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace

struct Child::Impl {
    Handle process;
    Handle in, out, err;
    std::optional<ExitCode> exit;
};

// Here, where Impl is complete.
Child::Child(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Child::Child(Child&&) noexcept = default;
Child& Child::operator=(Child&&) noexcept = default;

Result<Child> Child::start(const Options& o) {
    if (o.argv.empty()) return make_error("start_failed", "no program to start");
    auto impl = std::make_unique<Impl>();
    std::lock_guard lock(start_mutex());
    Handle in_child, out_child, err_child;
    if (!child_end(o.in, true, impl->in, in_child, STD_INPUT_HANDLE) ||
        !child_end(o.out, false, impl->out, out_child, STD_OUTPUT_HANDLE) ||
        !child_end(o.err, false, impl->err, err_child, STD_ERROR_HANDLE))
        return start_failed(o.argv[0], GetLastError());

    std::wstring command;
    if (o.windows_command_line) {
        command = wide::from_utf8(*o.windows_command_line);
    } else {
        for (const auto& a : o.argv)
            command += (command.empty() ? L"" : L" ") + quote(wide::from_utf8(a));
    }
    std::wstring env = environment_block(o);
    const std::wstring program = wide::from_utf8(o.argv[0]);
    const std::wstring dir = o.working_dir.wstring();

    STARTUPINFOW si{};
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_child.h;
    si.hStdOutput = out_child.h;
    si.hStdError = err_child.h;
    PROCESS_INFORMATION pi{};
    if (!CreateProcessW(program.c_str(), command.data(), nullptr, nullptr, TRUE,
                        CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW, env.data(),
                        dir.empty() ? nullptr : dir.c_str(), &si, &pi))
        return start_failed(o.argv[0], GetLastError());
    CloseHandle(pi.hThread);
    impl->process.h = pi.hProcess;
    return Child(std::move(impl));
}

Child::~Child() {
    if (impl_) finish();
}

void Child::close_pipes() {
    impl_->in.reset();
    impl_->out.reset();
    impl_->err.reset();
}

bool Child::write_all(std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        DWORD n = 0;
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1 << 20));
        if (!WriteFile(impl_->in.h, bytes.data() + done, chunk, &n, nullptr)) return false;
        done += n;
    }
    return true;
}

void Child::close_stdin() {
    impl_->in.reset();
}
void Child::close_stdout() {
    impl_->out.reset();
}

std::ptrdiff_t Child::read_stdout(char* buffer, std::size_t size) {
    DWORD n = 0;
    const DWORD want = static_cast<DWORD>(std::min<std::size_t>(size, 1 << 20));
    if (ReadFile(impl_->out.h, buffer, want, &n, nullptr)) return n;
    return GetLastError() == ERROR_BROKEN_PIPE ? 0 : -1;
}

bool Child::collect(std::string& out, std::string& err,
                    std::chrono::steady_clock::time_point deadline,
                    const std::function<bool(const std::string&)>& enough) {
    // Anonymous pipes have no overlapped reads: peek, read what is there, otherwise nap.
    HANDLE pipes[2] = {impl_->out.valid() ? impl_->out.h : nullptr,
                       impl_->err.valid() ? impl_->err.h : nullptr};
    std::string* into[2] = {&out, &err};
    while (!enough(out) && (pipes[0] != nullptr || pipes[1] != nullptr)) {
        bool got = false;
        for (int i = 0; i < 2; ++i) {
            if (pipes[i] == nullptr) continue;
            DWORD available = 0;
            if (!PeekNamedPipe(pipes[i], nullptr, 0, nullptr, &available, nullptr)) {
                pipes[i] = nullptr;  // broken: the child closed its end
                continue;
            }
            if (available == 0) continue;
            char buf[8192];
            DWORD n = 0;
            if (ReadFile(pipes[i], buf, std::min<DWORD>(available, sizeof buf), &n, nullptr) &&
                n > 0) {
                into[i]->append(buf, n);
                got = true;
            }
        }
        if (got) continue;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

ExitCode Child::wait() {
    if (impl_->exit) return *impl_->exit;
    WaitForSingleObject(impl_->process.h, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(impl_->process.h, &code);
    impl_->exit = static_cast<ExitCode>(code);
    return *impl_->exit;
}

std::optional<ExitCode> Child::wait_for(std::chrono::milliseconds timeout) {
    if (impl_->exit) return impl_->exit;
    if (WaitForSingleObject(impl_->process.h, static_cast<DWORD>(timeout.count())) != WAIT_OBJECT_0)
        return std::nullopt;
    return wait();
}

void Child::kill() {
    // 137 as a POSIX shell would report a SIGKILL, so callers compare one number everywhere.
    if (!impl_->exit) TerminateProcess(impl_->process.h, 137);
}

std::string describe(ExitCode status) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08X", static_cast<unsigned>(status));
    // NTSTATUS-like codes (0xC0000005 access violation, ...) are crashes.
    if (static_cast<unsigned>(status) >= 0xC0000000u) return std::string("crashed (") + hex + ")";
    return "exit status " + std::to_string(status);
}

}  // namespace og::process
