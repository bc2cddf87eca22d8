#pragma once
// A small tmpfs mounted over a test's data folder, for faults a plain folder cannot produce
// for root (read-only, disk full). Tests skip, saying why, where mounting is not permitted.
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace og::robust {

class ScratchMount {
  public:
    ScratchMount(const std::filesystem::path& where, std::size_t bytes) : where_(where) {
        std::filesystem::create_directories(where);
        const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
        if (::mount("tmpfs", where.c_str(), "tmpfs", 0, options.c_str()) == 0)
            mounted_ = true;
        else
            why_not_ = "cannot mount a tmpfs on " + where.string() + ": " + std::strerror(errno) +
                       " (needs root or CAP_SYS_ADMIN)";
    }
    ~ScratchMount() {
        if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
    }
    ScratchMount(const ScratchMount&) = delete;
    ScratchMount& operator=(const ScratchMount&) = delete;

    bool mounted() const { return mounted_; }
    const std::string& why_not() const { return why_not_; }

    bool set_read_only(bool read_only) {
        unsigned long flags = MS_REMOUNT | (read_only ? MS_RDONLY : 0);
        return ::mount(nullptr, where_.c_str(), nullptr, flags, nullptr) == 0;
    }

  private:
    std::filesystem::path where_;
    bool mounted_ = false;
    std::string why_not_;
};

}  // namespace og::robust
