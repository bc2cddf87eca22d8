#include <windows.h>
// windows.h first: these need its types.
#include <aclapi.h>
#include <sddl.h>

#include <algorithm>
#include <memory>
#include <string>
#include <system_error>

#include "util/private_write.hpp"
#include "util/private_write_detail.hpp"

namespace og::util {

namespace fs = std::filesystem;

namespace {

Error win_error(const std::string& what, const fs::path& p, DWORD code) {
    const bool denied = code == ERROR_ACCESS_DENIED || code == ERROR_WRITE_PROTECT;
    return detail::file_error(denied, what, p,
                              std::system_category().message(static_cast<int>(code)) +
                                  " (Windows error " + std::to_string(code) + ")");
}

struct LocalFreeDeleter {
    void operator()(void* p) const { LocalFree(p); }
};
using SecurityDescriptor = std::unique_ptr<void, LocalFreeDeleter>;

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
SecurityDescriptor owner_only_descriptor() {
    const std::wstring sid = current_user_sid();
    if (sid.empty()) return nullptr;
    const std::wstring sddl = L"D:P(A;OICI;FA;;;" + sid + L")";
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &sd,
                                                              nullptr))
        return nullptr;
    return SecurityDescriptor(sd);
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

bool is_link(const fs::path& p) {
    std::error_code ec;
    return fs::is_symlink(fs::symlink_status(p, ec));
}

}  // namespace

Status write_file_replacing(const fs::path& file, std::string_view content, unsigned mode) {
    SecurityDescriptor sd = (mode & 077) == 0 ? owner_only_descriptor() : nullptr;
    SECURITY_ATTRIBUTES sa{sizeof sa, sd.get(), FALSE};
    fs::path tmp;
    HANDLE h = INVALID_HANDLE_VALUE;
    for (int attempt = 0; attempt < 16 && h == INVALID_HANDLE_VALUE; ++attempt) {
        tmp = detail::temporary_beside(file);
        // CREATE_NEW: exclusive; a reparse point (link) at that name is opened, not followed.
        h = CreateFileW(tmp.wstring().c_str(), GENERIC_WRITE, 0, &sa, CREATE_NEW,
                        FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
        if (h == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS)
            return win_error("write", file, GetLastError());
    }
    if (h == INVALID_HANDLE_VALUE) return win_error("write", file, ERROR_FILE_EXISTS);

    DWORD failure = ERROR_SUCCESS;
    for (std::size_t done = 0; done < content.size() && failure == ERROR_SUCCESS;) {
        DWORD n = 0;
        const DWORD chunk =
            static_cast<DWORD>(std::min<std::size_t>(content.size() - done, 1 << 20));
        if (!WriteFile(h, content.data() + done, chunk, &n, nullptr))
            failure = GetLastError();
        else
            done += n;
    }
    if (failure == ERROR_SUCCESS && !FlushFileBuffers(h)) failure = GetLastError();
    if (!CloseHandle(h) && failure == ERROR_SUCCESS) failure = GetLastError();
    if (failure == ERROR_SUCCESS &&
        !MoveFileExW(tmp.wstring().c_str(), file.wstring().c_str(),
                     MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        failure = GetLastError();
    if (failure != ERROR_SUCCESS) {
        DeleteFileW(tmp.wstring().c_str());
        return win_error("write", file, failure);
    }
    return Ok{};
}

Status make_private_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        if (!dir.parent_path().empty() && dir.parent_path() != dir) {
            fs::create_directories(dir.parent_path(), ec);
            if (ec)
                return win_error("create folder", dir.parent_path(),
                                 static_cast<DWORD>(ec.value()));
        }
        auto sd = owner_only_descriptor();
        SECURITY_ATTRIBUTES sa{sizeof sa, sd.get(), FALSE};
        if (!CreateDirectoryW(dir.wstring().c_str(), &sa) && GetLastError() != ERROR_ALREADY_EXISTS)
            return win_error("create folder", dir, GetLastError());
    }
    if (const DWORD rc = restrict_path(dir); rc != ERROR_SUCCESS)
        return win_error("restrict folder", dir, rc);
    return Ok{};
}

Status make_private_file(const fs::path& file) {
    if (is_link(file)) return make_error("symlink", file.string() + " is a symbolic link");
    auto sd = owner_only_descriptor();
    SECURITY_ATTRIBUTES sa{sizeof sa, sd.get(), FALSE};
    HANDLE h = CreateFileW(file.wstring().c_str(), GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE) return win_error("open for writing", file, GetLastError());
    const bool existed = GetLastError() == ERROR_ALREADY_EXISTS;
    CloseHandle(h);
    // A file that was there before keeps the ACL it was created with unless we change it.
    if (existed)
        if (const DWORD rc = restrict_path(file); rc != ERROR_SUCCESS)
            return win_error("restrict", file, rc);
    return Ok{};
}

void restrict_existing_file(const fs::path& file) {
    std::error_code ec;
    if (fs::is_regular_file(fs::symlink_status(file, ec))) restrict_path(file);
}

void make_new_files_private() {}

bool owner_only(const fs::path& path) {
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR sd = nullptr;
    std::wstring name = path.wstring();
    if (GetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                              nullptr, &dacl, nullptr, &sd) != ERROR_SUCCESS)
        return false;
    SecurityDescriptor held(sd);
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

}  // namespace og::util
