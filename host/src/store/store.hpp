#pragma once
// The progress store: one SQLite file shared by every browser of the user (WAL, busy timeout,
// migrations). Holds the event journal and the accounts; state is derived, never stored.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/event.hpp"
#include "util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace og::store {
namespace sql {
class StatementCache;
}

inline constexpr int kSchemaVersion = 3;

// At most this many repetitive events (step_shown, step_skipped) per account, procedure and
// type; state-changing ones are always kept (store/event.hpp changes_state).
inline constexpr std::int64_t kMaxRepetitiveEvents = 200;

struct Account {
    std::string platform;
    std::string account;
    std::string label;
    bool is_default = false;
};

struct Health {
    bool ok = false;
    std::string path;
    int schema_version = 0;
    std::optional<std::string> recovered;  // where a corrupt file was moved aside at open
    std::optional<std::string> error;      // why the store is not usable
};

// capped: a repetitive event past kMaxRepetitiveEvents, not written (the journal already
// shows that step being shown that often).
enum class AppendOutcome { inserted, duplicate, capped };

// A mismatch report as stored: its body is the JSON text the protocol layer checked.
struct Report {
    std::int64_t seq = 0;
    std::string at;  // UTC, when it was stored
    std::string body;
};

struct EventFilter {
    std::optional<std::string> platform;
    std::optional<std::string> account;
    std::optional<std::string> procedure_id;
    std::optional<std::int64_t> up_to_seq;  // the journal as it stood then (last_seq())
};

// "<store>-clean": written by the last host to close the store cleanly, naming the file's
// identity, size and modification time then. Any change to the file, or a -wal beside it
// (another host running, or one that crashed), makes it void.
std::filesystem::path clean_marker_path(const std::filesystem::path& file);

class Store {
  public:
    // Creates the folder (0700) and file (0600) when missing; a file that is not a valid
    // SQLite database (or fails integrity checks) is renamed "<name>.corrupt-<UTC stamp>" and a
    // fresh store is started. The integrity check is skipped when the file is exactly as the
    // last host to close it left it (clean_marker_path), since then nothing can have hurt it.
    static Result<std::unique_ptr<Store>> open(const std::filesystem::path& file);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Idempotent on event_id: the same content again is `duplicate`; other content under the
    // same ID is Error{"event_conflict"}. Retries SQLITE_BUSY internally; a write that cannot
    // be made is Error{"store_unavailable"}. Sets seq and at (when empty) on success.
    Result<AppendOutcome> append(Event& event);
    Result<std::vector<Event>> events(const EventFilter& filter = {}) const;
    // The same events, handed to `each` in seq order a page at a time, so that reading the
    // whole journal never holds more than a page of it.
    Status for_each_event(const EventFilter& filter,
                          const std::function<void(const Event&)>& each) const;
    // The seq of the newest event (0 when there is none).
    Result<std::int64_t> last_seq() const;

    // Appends a report (never rewritten); returns it with seq and at set.
    Result<Report> add_report(const std::string& body);
    Result<std::vector<Report>> reports() const;

    Result<std::vector<Account>> accounts() const;
    Status set_account(const Account& account);

    // Group commit: the writes made between begin_group() and end_group() share one
    // transaction, so one sync makes a burst of them durable. None of them is durable before
    // end_group() returns Ok, so their replies must wait until then; on an error none is.
    // Reads inside the group see its writes. A group without writes costs nothing.
    void begin_group();
    Status end_group();

    // Changes whenever another connection (another host process) commits; not for this one's
    // own commits (SQLite's PRAGMA data_version). Lets a cache of derived state stay valid.
    std::int64_t data_version() const;

    // Whether open() ran the integrity check (it does not after a clean shutdown).
    bool checked_at_open() const { return checked_at_open_; }

    const Health& health() const { return health_; }

  private:
    Store();
    // One write: a transaction of its own, or a savepoint inside the open group.
    int begin_write();
    int control(const char* sql);  // BEGIN, COMMIT, SAVEPOINT ...: SQLITE_OK when it ran
    int commit_write();
    void abort_write();

    sqlite3* db_ = nullptr;
    Health health_;
    bool grouping_ = false;    // between begin_group() and end_group()
    bool group_open_ = false;  // the group's transaction has begun (on its first write)
    bool group_lost_ = false;  // SQLite rolled the group's transaction back after an error
    bool checked_at_open_ = true;
    mutable sqlite3_stmt* data_version_ = nullptr;  // prepared once, on first use
    // The queries of every event, prepared once (store/sqlite.hpp); made by open().
    std::unique_ptr<sql::StatementCache> statements_;
};

}  // namespace og::store
