#include "store_probe.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace og::robust {

JournalView read_journal(const std::filesystem::path& store_file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(store_file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        std::string why = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + store_file.string() + ": " + why);
    }
    sqlite3_busy_timeout(db, 30000);
    JournalView view;
    auto each_row = [&](const char* sql, auto&& on_row) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
            std::string why = sqlite3_errmsg(db);
            sqlite3_close(db);
            throw std::runtime_error(std::string(sql) + ": " + why);
        }
        while (sqlite3_step(st) == SQLITE_ROW) on_row(st);
        sqlite3_finalize(st);
    };
    auto text = [](sqlite3_stmt* st, int col) {
        auto p = sqlite3_column_text(st, col);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    };
    each_row("PRAGMA integrity_check", [&](sqlite3_stmt* st) {
        view.integrity += (view.integrity.empty() ? "" : "; ") + text(st, 0);
    });
    each_row("SELECT event_id, type FROM events", [&](sqlite3_stmt* st) {
        const std::string id = text(st, 0);
        ++view.count_by_event[id];
        view.type_of[id] = text(st, 1);
        ++view.rows;
    });
    sqlite3_close(db);
    return view;
}

}  // namespace og::robust
