#include <windows.h>
// windows.h first: these need its types.
#include <aclapi.h>
#include <sddl.h>

#include <algorithm>
#include <memory>
#include <string>
#include <system_error>

#include "util/private_fs.hpp"

namespace og::private_fs {

namespace fs = std::filesystem;

namespace {

std::string last_error_text(DWORD code) {
    return std::system_category().message(static_cast<int>(code)) + " (Windows error " +
           std::to_string(code) + ")";
}

Error io(const std::string& what, const fs::path& p, DWORD code) {
    return make_error("io", "cannot " + what + " " + p.string() + ": " + last_error_text(code));
}

struct LocalFreeDeleter {
    void operator()(void* p) const { LocalFree(p); }
};

// The current user's SID as SDDL text ("S-1-5-21-..."); empty when it cannot be read.
std::wstring current_user_sid() {
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return {};
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::unique_ptr<BYTE[]> buffer(new BYTE[size]);
    std::wstring text;
    if (GetTokenInformation(token, TokenUser, buffer.get(), size, &size)) {
        LPWSTR sid = nullptr;
        if (ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buffer.get())->User.Sid, &sid)) {
            text = sid;
            LocalFree(sid);
        }
    }
    CloseHandle(token);
    return text;
}

// "Protected" (P): nothing inherited from the parent folder; one entry: the user, full access,
// inherited by what is created inside (OICI).
std::unique_ptr<void, LocalFreeDeleter> owner_only_descriptor() {
    const std::wstring sid = current_user_sid();
    if (sid.empty()) return nullptr;
    const std::wstring sddl = L"D:P(A;OICI;FA;;;" + sid + L")";
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &sd,
                                                              nullptr))
        return nullptr;
    return std::unique_ptr<void, LocalFreeDeleter>(sd);
}

DWORD restrict_path(const fs::path& path) {
    auto sd = owner_only_descriptor();
    if (!sd) return GetLastError() ? GetLastError() : ERROR_INVALID_SID;
    BOOL present = FALSE, defaulted = FALSE;
    PACL dacl = nullptr;
    GetSecurityDescriptorDacl(sd.get(), &present, &dacl, &defaulted);
    std::wstring name = path.wstring();
    return SetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT,
                                 DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                 nullptr, nullptr, dacl, nullptr);
}

// A handle opened with the owner-only descriptor when the file is created.
HANDLE open_private(const fs::path& file, DWORD access, DWORD disposition) {
    auto sd = owner_only_descriptor();
    SECURITY_ATTRIBUTES sa{sizeof sa, sd.get(), FALSE};
    return CreateFileW(file.wstring().c_str(), access, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                       disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
}

}  // namespace

Status create_private_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) return Ok{};
    if (!dir.parent_path().empty() && dir.parent_path() != dir) {
        fs::create_directories(dir.parent_path(), ec);
        if (ec)
            return make_error(
                "io", "cannot create folder " + dir.parent_path().string() + ": " + ec.message());
    }
    auto sd = owner_only_descriptor();
    SECURITY_ATTRIBUTES sa{sizeof sa, sd.get(), FALSE};
    if (!CreateDirectoryW(dir.wstring().c_str(), &sa) && GetLastError() != ERROR_ALREADY_EXISTS)
        return io("create folder", dir, GetLastError());
    if (!sd) return io("restrict folder", dir, ERROR_INVALID_SID);
    return Ok{};
}

Status create_private_file(const fs::path& file) {
    HANDLE h = open_private(file, GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS);
    if (h == INVALID_HANDLE_VALUE) return io("open for writing", file, GetLastError());
    const bool existed = GetLastError() == ERROR_ALREADY_EXISTS;
    CloseHandle(h);
    // A file that was there before keeps the ACL it was created with unless we change it.
    if (existed)
        if (const DWORD rc = restrict_path(file); rc != ERROR_SUCCESS)
            return io("restrict", file, rc);
    return Ok{};
}

void restrict_existing_file(const fs::path& file) {
    std::error_code ec;
    if (fs::exists(file, ec)) restrict_path(file);
}

Status write_private_file(const fs::path& file, std::string_view text) {
    HANDLE h = open_private(file, GENERIC_WRITE, CREATE_ALWAYS);
    if (h == INVALID_HANDLE_VALUE) return io("write", file, GetLastError());
    const bool existed = GetLastError() == ERROR_ALREADY_EXISTS;
    std::size_t done = 0;
    while (done < text.size()) {
        DWORD n = 0;
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(text.size() - done, 1 << 20));
        if (!WriteFile(h, text.data() + done, chunk, &n, nullptr)) {
            const DWORD code = GetLastError();
            CloseHandle(h);
            return io("write", file, code);
        }
        done += n;
    }
    if (!CloseHandle(h)) return io("write", file, GetLastError());
    if (existed)
        if (const DWORD rc = restrict_path(file); rc != ERROR_SUCCESS)
            return io("restrict", file, rc);
    return Ok{};
}

bool owner_only(const fs::path& path) {
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR sd = nullptr;
    std::wstring name = path.wstring();
    if (GetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                              nullptr, &dacl, nullptr, &sd) != ERROR_SUCCESS)
        return false;
    std::unique_ptr<void, LocalFreeDeleter> held(sd);
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    // No DACL at all means everyone has access; an unprotected one takes the parent's entries.
    if (dacl == nullptr || !GetSecurityDescriptorControl(sd, &control, &revision) ||
        !(control & SE_DACL_PROTECTED))
        return false;
    const std::wstring user = current_user_sid();
    for (DWORD i = 0; i < dacl->AceCount; ++i) {
        void* ace = nullptr;
        if (!GetAce(dacl, i, &ace)) return false;
        const auto* header = static_cast<ACE_HEADER*>(ace);
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) continue;
        LPWSTR sid = nullptr;
        if (!ConvertSidToStringSidW(&static_cast<ACCESS_ALLOWED_ACE*>(ace)->SidStart, &sid))
            return false;
        const bool mine = user == sid;
        LocalFree(sid);
        if (!mine) return false;
    }
    return true;
}

}  // namespace og::private_fs
