#pragma once
// Looks into a store file the way a person with the sqlite3 tool would, independently of the
// host's own code: integrity, and which events the journal holds.
#include <filesystem>
#include <map>
#include <string>

namespace og::robust {

struct JournalView {
    std::string integrity;                       // "ok" or SQLite's complaint
    std::map<std::string, int> count_by_event;   // event_id -> rows with it
    std::map<std::string, std::string> type_of;  // event_id -> type
    long long rows = 0;
};

JournalView read_journal(const std::filesystem::path& store_file);

}  // namespace og::robust
