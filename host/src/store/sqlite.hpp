#pragma once
// Thin RAII over the SQLite C API for the store: one prepared statement, and a retry helper
// so that several host processes sharing the file never surface SQLITE_BUSY.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace og::store::sql {

// Statements of one connection prepared once and reused: preparing (parsing the SQL, planning
// the query) costs more than running the small queries of a reported event. Finalized by
// clear(), which must run before the connection closes.
class StatementCache {
  public:
    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache() { clear(); }
    // The statement for `sql`, prepared on first use; null with `rc` set when it does not
    // prepare (not kept: the next use tries again).
    sqlite3_stmt* get(sqlite3* db, std::string_view sql, int& rc) {
        auto it = prepared_.find(sql);
        if (it != prepared_.end()) {
            rc = SQLITE_OK;
            return it->second;
        }
        sqlite3_stmt* stmt = nullptr;
        rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK || stmt == nullptr) {
            sqlite3_finalize(stmt);
            return nullptr;
        }
        prepared_.emplace(std::string(sql), stmt);
        return stmt;
    }
    void clear() {
        for (auto& [sql, stmt] : prepared_) sqlite3_finalize(stmt);
        prepared_.clear();
    }

  private:
    std::map<std::string, sqlite3_stmt*, std::less<>> prepared_;
};

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql) : db_(db) {
        rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    }
    // Borrowed from `cache`: reset and unbound when done, not finalized.
    Statement(StatementCache& cache, sqlite3* db, std::string_view sql) : db_(db), borrowed_(true) {
        stmt_ = cache.get(db, sql, rc_);
    }
    ~Statement() {
        if (!borrowed_) {
            sqlite3_finalize(stmt_);
        } else if (stmt_ != nullptr) {
            sqlite3_reset(stmt_);
            sqlite3_clear_bindings(stmt_);
        }
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    int prepare_rc() const { return rc_; }
    bool ok() const { return rc_ == SQLITE_OK && stmt_ != nullptr; }

    void bind(int i, const std::string& v) {
        sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
    void bind(int i, const std::optional<std::string>& v) {
        if (v)
            bind(i, *v);
        else
            sqlite3_bind_null(stmt_, i);
    }
    int step() { return sqlite3_step(stmt_); }
    void reset() { sqlite3_reset(stmt_); }

    std::string text(int col) const {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
                 : std::string();
    }
    std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int rc_;
    bool borrowed_ = false;
};

inline bool is_busy(int rc) {
    int primary = rc & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// Runs `attempt` (which returns an SQLite result code) until it is not busy or `budget` is
// spent. The busy timeout already waits inside SQLite; this loop covers the cases where SQLite
// returns BUSY at once (a deadlock-avoiding upgrade, WAL recovery by another process).
template <class F>
int retry_busy(F&& attempt, std::chrono::milliseconds budget = std::chrono::seconds(60)) {
    auto deadline = std::chrono::steady_clock::now() + budget;
    int pause_ms = 2;
    for (;;) {
        int rc = attempt();
        if (!is_busy(rc) || std::chrono::steady_clock::now() >= deadline) return rc;
        std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
        pause_ms = pause_ms < 50 ? pause_ms * 2 : 50;
    }
}

}  // namespace og::store::sql
