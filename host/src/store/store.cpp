#include "store/store.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>

#include <spdlog/spdlog.h>

#include "store/migrations.hpp"
#include "store/sqlite.hpp"
#include "util/file_stamp.hpp"
#include "util/private_write.hpp"
#include "util/utc_time.hpp"
#include "util/utf8_path.hpp"

namespace og::store {
namespace {

namespace fs = std::filesystem;

static_assert(kMigrations.back().version == kSchemaVersion);

std::string utc_stamp(bool for_file_name) {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    const std::tm tm = utc_tm(t);
    char buf[40];
    if (for_file_name) {
        std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
        return buf;
    }
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms.count()));
    return out;
}

Error unavailable(const fs::path& path, const std::string& what) {
    return make_error("store_unavailable", "progress store " + path.string() + ": " + what +
                                               " (nothing was lost; retry later)");
}

std::string sqlite_error(sqlite3* db, int rc) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return msg + " (SQLite code " + std::to_string(rc) + ")";
}

bool is_corruption(int rc) {
    int primary = rc & 0xff;
    return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT;
}

bool is_link(const fs::path& p) {
    std::error_code ec;
    return fs::is_symlink(fs::symlink_status(p, ec));
}

// The user's progress is personal: readable by the user only, whatever the umask or ACL, on
// every open (a mode loosened since is tightened again). A link in place of the file or its
// folder would put the progress, or SQLite's writes, wherever someone pointed it: refused.
Status ensure_private_file(const fs::path& file) {
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    if (is_link(dir))
        return unavailable(file, "the folder " + dir.string() +
                                     " is a symbolic link; the store is kept only in a real "
                                     "folder (replace the link with a folder)");
    if (auto made = util::make_private_dir(dir); !made)
        return unavailable(file, made.error().message);
    for (const char* suffix : {"-wal", "-shm"})
        if (is_link(utf8_path(file.string() + suffix)))
            return unavailable(file, file.string() + suffix +
                                         " is a symbolic link; SQLite would write through it "
                                         "(remove the link)");
    if (auto made = util::make_private_file(file); !made)
        return unavailable(file, made.error().code == "symlink"
                                     ? "it is a symbolic link; the store is kept only in a real "
                                       "file (remove the link)"
                                     : made.error().message);
    return Ok{};
}

// SQLite gives -wal and -shm the mode of the database file, but older ones may predate it.
// Only restrict here: opening and closing the database file itself while SQLite holds it open
// would drop SQLite's POSIX locks (close() releases every lock of the process on that file).
void restrict_side_files(const fs::path& file) {
    for (const char* suffix : {"-wal", "-shm"})
        util::restrict_existing_file(utf8_path(file.string() + suffix));
}

// The identity of the file as the marker records it (util/file_stamp.hpp).
std::optional<std::string> file_identity(const fs::path& file) {
    auto stamp = util::file_stamp(file);
    if (stamp) *stamp += "\n";
    return stamp;
}

bool exists_quietly(const fs::path& p) {
    std::error_code ec;
    return fs::exists(p, ec);
}

// True when the last host to close the store left it cleanly and nothing touched it since.
// The marker is removed as it is read: from now on only this session's own clean close can
// vouch for the file again.
bool closed_cleanly(const fs::path& file) {
    const fs::path marker = clean_marker_path(file);
    if (is_link(marker) || !exists_quietly(marker)) return false;
    std::string held;
    {
        std::ifstream in(marker, std::ios::binary);
        char buf[128];
        in.read(buf, sizeof buf);
        held.assign(buf, static_cast<std::size_t>(in.gcount()));
    }
    std::error_code ec;
    fs::remove(marker, ec);
    if (held.empty()) return false;
    const auto now = file_identity(file);
    return now && *now == held && !exists_quietly(utf8_path(file.string() + "-wal"));
}

// After the last connection closed (SQLite then checkpoints and deletes the -wal): record
// the file as it is. With another host still running the -wal stays and no marker is written;
// that host writes it when it closes.
void mark_closed_cleanly(const fs::path& file) {
    if (exists_quietly(utf8_path(file.string() + "-wal"))) return;
    const auto id = file_identity(file);
    if (!id) return;
    // Best effort: without a marker the next open only runs the full check.
    (void)util::write_file_replacing(clean_marker_path(file), *id, 0600);
}

// Moves a corrupt database (and its -wal/-shm) aside; returns the new name of the main file.
std::optional<std::string> move_aside(const fs::path& file) {
    std::string base = file.string() + ".corrupt-" + utc_stamp(true);
    std::string target = base;
    std::error_code ec;
    for (int n = 1; fs::exists(utf8_path(target), ec); ++n) target = base + "." + std::to_string(n);
    fs::rename(file, utf8_path(target), ec);
    if (ec) {
        spdlog::error("cannot move corrupt store {} aside: {}", file.string(), ec.message());
        return std::nullopt;
    }
    for (const char* suffix : {"-wal", "-shm"}) {
        const fs::path side = utf8_path(file.string() + suffix);
        if (fs::exists(side, ec)) fs::rename(side, utf8_path(target + suffix), ec);
    }
    return target;
}

int exec(sqlite3* db, const char* sql) {
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
}

// SQLITE_OK when the database reads as healthy, the failing code otherwise; a file that is
// readable but damaged reports SQLITE_CORRUPT.
int check_integrity(sqlite3* db, std::string& why) {
    int rc = sql::retry_busy([&] {
        why.clear();
        sql::Statement st(db, "PRAGMA quick_check");
        if (!st.ok()) return st.prepare_rc();
        int r = st.step();
        if (r == SQLITE_ROW && st.text(0) == "ok") return SQLITE_OK;
        if (r == SQLITE_ROW || r == SQLITE_DONE) {
            why = "integrity check failed: " + (r == SQLITE_ROW ? st.text(0) : "no answer");
            return SQLITE_CORRUPT;
        }
        return r;
    });
    if (rc != SQLITE_OK && why.empty()) why = sqlite_error(db, rc);
    return rc;
}

int read_user_version(sqlite3* db, int& version) {
    sql::Statement st(db, "PRAGMA user_version");
    if (!st.ok()) return st.prepare_rc();
    int rc = st.step();
    if (rc != SQLITE_ROW) return rc;
    version = static_cast<int>(st.int64(0));
    return SQLITE_OK;
}

// Applies the missing migrations in one IMMEDIATE transaction, so two processes starting at
// once cannot both migrate.
Result<int> migrate(sqlite3* db, const fs::path& file) {
    int rc = sql::retry_busy([&] { return exec(db, "BEGIN IMMEDIATE"); });
    if (rc != SQLITE_OK)
        return unavailable(file, "cannot lock for migration: " + sqlite_error(db, rc));
    int version = 0;
    rc = read_user_version(db, version);
    if (rc == SQLITE_OK && version > kSchemaVersion) {
        exec(db, "ROLLBACK");
        return unavailable(file, "schema version " + std::to_string(version) +
                                     " was written by a newer optout-guide-host (this one knows " +
                                     std::to_string(kSchemaVersion) + "); update it");
    }
    for (const auto& m : kMigrations) {
        if (rc != SQLITE_OK) break;
        if (m.version <= version) continue;
        rc = exec(db, m.sql);
        if (rc == SQLITE_OK) {
            std::string set = "PRAGMA user_version = " + std::to_string(m.version);
            rc = exec(db, set.c_str());
            if (rc == SQLITE_OK) {
                spdlog::info("progress store {} migrated to schema {}", file.string(), m.version);
                version = m.version;
            }
        }
    }
    if (rc == SQLITE_OK) rc = sql::retry_busy([&] { return exec(db, "COMMIT"); });
    if (rc != SQLITE_OK) {
        std::string why = sqlite_error(db, rc);
        exec(db, "ROLLBACK");
        return unavailable(file, "migration failed: " + why);
    }
    return version;
}

struct Opened {
    sqlite3* db = nullptr;
    int rc = SQLITE_OK;
    std::string why;  // for a person, when rc is not SQLITE_OK
};

// `check`: run quick_check (the whole file is read). Without it, a file that is not a database
// at all is still refused here, by reading its header.
Opened open_checked(const fs::path& file, bool check) {
    Opened o;
    // SQLite takes UTF-8 file names on every platform (fs::path::string() is UTF-8 on Windows).
    const std::string name = file.string();
    o.rc = sqlite3_open_v2(name.c_str(), &o.db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
                           nullptr);
    if (o.rc == SQLITE_OK) {
        sqlite3_extended_result_codes(o.db, 1);
        sqlite3_busy_timeout(o.db, 5000);
        if (check) {
            o.rc = check_integrity(o.db, o.why);
        } else {
            o.rc = sql::retry_busy([&] {
                sql::Statement st(o.db, "PRAGMA schema_version");
                if (!st.ok()) return st.prepare_rc();
                const int r = st.step();
                return r == SQLITE_ROW ? SQLITE_OK : r;
            });
            if (o.rc != SQLITE_OK) o.why = sqlite_error(o.db, o.rc);
        }
    } else {
        o.why = sqlite_error(o.db, o.rc);
    }
    return o;
}

std::string event_select() {
    return "SELECT seq, event_id, at, platform, account, procedure_id, step_id, type, url, "
           "client, catalog_version, evidence FROM events ";
}

Event event_from(const sql::Statement& st) {
    Event e;
    e.seq = st.int64(0);
    e.event_id = st.text(1);
    e.at = st.text(2);
    e.platform = st.text(3);
    e.account = st.text(4);
    e.procedure_id = st.text(5);
    e.step_id = st.text(6);
    e.type = st.text(7);
    e.url = st.text(8);
    e.client = st.text(9);
    e.catalog_version = st.int64(10);
    e.evidence = st.text(11);
    return e;
}

// What makes two reports "the same event": where and what, not when it was received or by
// which browser.
bool same_content(const Event& a, const Event& b) {
    return a.platform == b.platform && a.account == b.account && a.procedure_id == b.procedure_id &&
           a.step_id == b.step_id && a.type == b.type && a.url == b.url && a.evidence == b.evidence;
}

}  // namespace

std::filesystem::path clean_marker_path(const std::filesystem::path& file) {
    return file.string() + "-clean";
}

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& file) {
    std::unique_ptr<Store> store(new Store());
    store->health_.path = file.string();

    if (auto st = ensure_private_file(file); !st) return st.error();
    store->checked_at_open_ = !closed_cleanly(file);
    Opened o = open_checked(file, store->checked_at_open_);
    if (o.rc != SQLITE_OK && is_corruption(o.rc)) {
        std::string why = o.why;
        sqlite3_close_v2(o.db);
        o.db = nullptr;
        auto moved = move_aside(file);
        if (!moved) return unavailable(file, "damaged (" + why + ") and cannot be moved aside");
        spdlog::warn("progress store {} was damaged ({}); kept as {}, starting a fresh store",
                     file.string(), why, *moved);
        store->health_.recovered = *moved;
        if (auto st = ensure_private_file(file); !st) return st.error();
        o = open_checked(file, true);
    }
    if (o.rc != SQLITE_OK) {
        sqlite3_close_v2(o.db);
        return unavailable(file, "cannot open: " + o.why);
    }
    store->db_ = o.db;

    // WAL lets several browsers' hosts read while one writes. It can fail on file systems
    // without shared memory; the store still works (with more waiting), so only log that.
    std::string mode;
    sql::retry_busy([&] {
        sql::Statement st(store->db_, "PRAGMA journal_mode = WAL");
        if (!st.ok()) return st.prepare_rc();
        int rc = st.step();
        if (rc == SQLITE_ROW) mode = st.text(0);
        return rc == SQLITE_ROW ? SQLITE_OK : rc;
    });
    if (mode != "wal")
        spdlog::warn("progress store {}: WAL not available (mode {})", file.string(), mode);
    exec(store->db_, "PRAGMA synchronous = FULL");
    // The host's reads are one (account, procedure) at a time and the record is streamed: a
    // small page cache (256 KiB instead of 2 MiB) keeps memory flat whatever the journal's size.
    exec(store->db_, "PRAGMA cache_size = -256");

    auto version = migrate(store->db_, file);
    if (!version) return version.error();
    store->health_.schema_version = *version;
    restrict_side_files(file);
    store->health_.ok = true;
    return store;
}

Store::Store() : statements_(std::make_unique<sql::StatementCache>()) {}

Store::~Store() {
    if (group_open_) exec(db_, "ROLLBACK");  // never acknowledged: end_group() did not run
    sqlite3_finalize(data_version_);
    statements_->clear();
    if (db_ && sqlite3_close_v2(db_) == SQLITE_OK && health_.ok) mark_closed_cleanly(health_.path);
}

// Transaction control runs for every event: prepared once like the queries (sqlite3_exec
// would parse the statement again each time).
int Store::control(const char* sql) {
    sql::Statement st(*statements_, db_, sql);
    if (!st.ok()) return st.prepare_rc();
    const int r = st.step();
    return r == SQLITE_DONE ? SQLITE_OK : r;
}

int Store::begin_write() {
    if (!grouping_) return control("BEGIN IMMEDIATE");
    if (group_lost_) return SQLITE_ABORT;  // the burst fails as a whole; end_group() says so
    if (!group_open_) {
        const int r = control("BEGIN IMMEDIATE");
        if (r != SQLITE_OK) return r;
        group_open_ = true;
    }
    return control("SAVEPOINT og_write");
}

int Store::commit_write() {
    return control(grouping_ ? "RELEASE og_write" : "COMMIT");
}

void Store::abort_write() {
    if (!grouping_) {
        control("ROLLBACK");
        return;
    }
    if (!group_open_) return;
    // Some errors (I/O, full disk) make SQLite roll the whole transaction back on its own: the
    // group's earlier writes are gone too, which end_group() must report.
    if (sqlite3_get_autocommit(db_)) {
        group_open_ = false;
        group_lost_ = true;
        return;
    }
    control("ROLLBACK TO og_write");
    control("RELEASE og_write");
}

void Store::begin_group() {
    grouping_ = true;
    group_lost_ = false;
}

Status Store::end_group() {
    grouping_ = false;
    const bool lost = group_lost_;
    group_lost_ = false;
    if (!group_open_) {
        if (lost)
            return unavailable(health_.path,
                               "a write of this burst failed and took the others "
                               "with it");
        return Ok{};
    }
    group_open_ = false;
    const int rc = sql::retry_busy([&] { return control("COMMIT"); });
    if (rc == SQLITE_OK && !lost) return Ok{};
    const std::string why = sqlite_error(db_, rc);
    if (!sqlite3_get_autocommit(db_)) exec(db_, "ROLLBACK");
    spdlog::error("progress store {}: group commit failed: {}", health_.path, why);
    return unavailable(health_.path, "cannot write: " + why);
}

std::int64_t Store::data_version() const {
    if (data_version_ == nullptr &&
        sqlite3_prepare_v3(db_, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                           &data_version_, nullptr) != SQLITE_OK)
        return -1;  // never equal to a real version: the caller's cache is simply not trusted
    std::int64_t v = -1;
    if (sqlite3_step(data_version_) == SQLITE_ROW) v = sqlite3_column_int64(data_version_, 0);
    sqlite3_reset(data_version_);
    return v;
}

Result<AppendOutcome> Store::append(Event& event) {
    const fs::path file = health_.path;
    if (event.at.empty()) event.at = utc_stamp(false);
    std::optional<Error> error;
    std::string failure;  // SQLite's message, taken before ROLLBACK replaces it
    AppendOutcome outcome = AppendOutcome::inserted;

    // The whole read-compare-insert runs under one write lock, so two processes reporting the
    // same event cannot both insert it or both miss a conflict.
    auto abort = [&](int code) {
        failure = sqlite_error(db_, code);
        abort_write();
        return code;
    };
    int rc = sql::retry_busy([&] {
        error.reset();
        failure.clear();
        int r = begin_write();
        if (r != SQLITE_OK) {
            failure = sqlite_error(db_, r);
            return r;
        }
        {
            sql::Statement find(*statements_, db_, event_select() + "WHERE event_id = ?1");
            if (!find.ok()) return abort(find.prepare_rc());
            find.bind(1, event.event_id);
            r = find.step();
            if (r == SQLITE_ROW) {
                Event stored = event_from(find);
                abort_write();
                if (!same_content(stored, event)) {
                    error = make_error(
                        "event_conflict",
                        "event ID " + event.event_id + " was already used for a different event (" +
                            stored.type + " of " + stored.procedure_id +
                            (stored.step_id.empty() ? "" : "/" + stored.step_id) + ")");
                    return SQLITE_OK;
                }
                outcome = AppendOutcome::duplicate;
                event.seq = stored.seq;
                event.at = stored.at;
                return SQLITE_OK;
            }
            if (r != SQLITE_DONE) return abort(r);
        }
        if (!changes_state(event.type)) {
            // Counting by type reads every row of the pair (the index has no type); counting
            // the pair's rows reads the index alone. A pair with fewer rows than the cap cannot
            // have reached it, and a person's pairs almost never have more.
            static constexpr const char* kCounts[] = {
                "SELECT COUNT(*) FROM events WHERE platform = ?1 AND account = ?2 AND "
                "procedure_id = ?3",
                "SELECT COUNT(*) FROM events WHERE platform = ?1 AND account = ?2 AND "
                "procedure_id = ?3 AND type = ?4"};
            std::int64_t seen = 0;
            for (const char* sql : kCounts) {
                sql::Statement count(*statements_, db_, sql);
                if (!count.ok()) return abort(count.prepare_rc());
                count.bind(1, event.platform);
                count.bind(2, event.account);
                count.bind(3, event.procedure_id);
                if (sql == kCounts[1]) count.bind(4, event.type);
                r = count.step();
                if (r != SQLITE_ROW) return abort(r);
                seen = count.int64(0);
                if (seen < kMaxRepetitiveEvents) break;
            }
            if (seen >= kMaxRepetitiveEvents) {
                // Only this write's part: in a group, ROLLBACK would drop the burst's others.
                abort_write();
                outcome = AppendOutcome::capped;
                return SQLITE_OK;
            }
        }
        {
            sql::Statement acc(*statements_, db_,
                               "INSERT OR IGNORE INTO accounts (platform, account, label, "
                               "is_default, created_at) VALUES (?1, ?2, '', ?3, ?4)");
            acc.bind(1, event.platform);
            acc.bind(2, event.account);
            acc.bind(3, std::int64_t{event.account == "default"});
            acc.bind(4, event.at);
            r = acc.ok() ? acc.step() : acc.prepare_rc();
            if (r != SQLITE_DONE) return abort(r);
        }
        {
            sql::Statement ins(
                *statements_, db_,
                "INSERT INTO events (event_id, at, platform, account, "
                "procedure_id, step_id, type, url, client, catalog_version, evidence) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
            ins.bind(1, event.event_id);
            ins.bind(2, event.at);
            ins.bind(3, event.platform);
            ins.bind(4, event.account);
            ins.bind(5, event.procedure_id);
            ins.bind(6, event.step_id);
            ins.bind(7, event.type);
            ins.bind(8, event.url);
            ins.bind(9, event.client);
            ins.bind(10, event.catalog_version);
            ins.bind(11, event.evidence);
            r = ins.ok() ? ins.step() : ins.prepare_rc();
            if (r != SQLITE_DONE) return abort(r);
        }
        event.seq = sqlite3_last_insert_rowid(db_);
        r = commit_write();
        if (r != SQLITE_OK) return abort(r);
        outcome = AppendOutcome::inserted;
        return r;
    });
    if (error) return *error;
    if (rc == SQLITE_OK && group_lost_) rc = SQLITE_ABORT;  // the group it belongs to is gone
    if (rc != SQLITE_OK) {
        std::string why = failure.empty() ? sqlite_error(db_, rc) : failure;
        spdlog::error("progress store {}: append failed: {}", file.string(), why);
        return unavailable(file, "cannot write: " + why);
    }
    return outcome;
}

namespace {

// Events of `filter` with seq > after, at most `limit` of them (-1: all), in seq order.
int read_events(sql::StatementCache& cache, sqlite3* db, const EventFilter& filter,
                std::int64_t after, std::int64_t limit, std::vector<Event>& out) {
    return sql::retry_busy([&] {
        out.clear();
        // Only the filter's own terms: "?1 IS NULL OR platform = ?1" would keep SQLite from
        // the (platform, account, procedure_id, seq) index and read the whole journal for
        // every reported event. Parameters keep their numbers; those unused are bound to nothing.
        std::string where = "WHERE seq > ?4";
        if (filter.platform) where += " AND platform = ?1";
        if (filter.account) where += " AND account = ?2";
        if (filter.procedure_id) where += " AND procedure_id = ?3";
        if (filter.up_to_seq) where += " AND seq <= ?5";
        sql::Statement st(cache, db, event_select() + where + " ORDER BY seq LIMIT ?6");
        if (!st.ok()) return st.prepare_rc();
        st.bind(1, filter.platform);
        st.bind(2, filter.account);
        st.bind(3, filter.procedure_id);
        st.bind(4, after);
        if (filter.up_to_seq) st.bind(5, *filter.up_to_seq);
        st.bind(6, limit);
        int r;
        while ((r = st.step()) == SQLITE_ROW) out.push_back(event_from(st));
        return r == SQLITE_DONE ? SQLITE_OK : r;
    });
}

}  // namespace

Result<std::vector<Event>> Store::events(const EventFilter& filter) const {
    std::vector<Event> out;
    if (int rc = read_events(*statements_, db_, filter, 0, -1, out); rc != SQLITE_OK)
        return unavailable(health_.path, "cannot read: " + sqlite_error(db_, rc));
    return out;
}

Status Store::for_each_event(const EventFilter& filter,
                             const std::function<void(const Event&)>& each) const {
    constexpr std::int64_t kPage = 256;
    std::vector<Event> page;
    for (std::int64_t after = 0;;) {
        if (int rc = read_events(*statements_, db_, filter, after, kPage, page); rc != SQLITE_OK)
            return unavailable(health_.path, "cannot read: " + sqlite_error(db_, rc));
        for (const auto& e : page) each(e);
        if (static_cast<std::int64_t>(page.size()) < kPage) return Ok{};
        after = page.back().seq;
    }
}

Result<std::int64_t> Store::last_seq() const {
    std::int64_t seq = 0;
    int rc = sql::retry_busy([&] {
        sql::Statement st(db_, "SELECT COALESCE(MAX(seq), 0) FROM events");
        if (!st.ok()) return st.prepare_rc();
        int r = st.step();
        if (r == SQLITE_ROW) seq = st.int64(0);
        return r == SQLITE_ROW ? SQLITE_OK : r;
    });
    if (rc != SQLITE_OK) return unavailable(health_.path, "cannot read: " + sqlite_error(db_, rc));
    return seq;
}

Result<Report> Store::add_report(const std::string& body) {
    Report report{0, utc_stamp(false), body};
    int rc = sql::retry_busy([&] {
        sql::Statement st(db_, "INSERT INTO reports (at, body) VALUES (?1, ?2)");
        if (!st.ok()) return st.prepare_rc();
        st.bind(1, report.at);
        st.bind(2, report.body);
        int r = st.step();
        return r == SQLITE_DONE ? SQLITE_OK : r;
    });
    if (rc != SQLITE_OK) return unavailable(health_.path, "cannot write: " + sqlite_error(db_, rc));
    report.seq = sqlite3_last_insert_rowid(db_);
    return report;
}

Result<std::vector<Report>> Store::reports() const {
    std::vector<Report> out;
    int rc = sql::retry_busy([&] {
        out.clear();
        sql::Statement st(db_, "SELECT seq, at, body FROM reports ORDER BY seq");
        if (!st.ok()) return st.prepare_rc();
        int r;
        while ((r = st.step()) == SQLITE_ROW)
            out.push_back(Report{st.int64(0), st.text(1), st.text(2)});
        return r == SQLITE_DONE ? SQLITE_OK : r;
    });
    if (rc != SQLITE_OK) return unavailable(health_.path, "cannot read: " + sqlite_error(db_, rc));
    return out;
}

Result<std::vector<Account>> Store::accounts() const {
    std::vector<Account> out;
    int rc = sql::retry_busy([&] {
        out.clear();
        sql::Statement st(db_,
                          "SELECT platform, account, label, is_default FROM accounts "
                          "ORDER BY platform, is_default DESC, account");
        if (!st.ok()) return st.prepare_rc();
        int r;
        while ((r = st.step()) == SQLITE_ROW)
            out.push_back(Account{st.text(0), st.text(1), st.text(2), st.int64(3) != 0});
        return r == SQLITE_DONE ? SQLITE_OK : r;
    });
    if (rc != SQLITE_OK) return unavailable(health_.path, "cannot read: " + sqlite_error(db_, rc));
    return out;
}

Status Store::set_account(const Account& account) {
    // The platform is the caller's to check against the catalog: the store only keeps strings.
    if (account.account.empty()) return make_error("invalid_value", "the account name is empty");
    int rc = sql::retry_busy([&] {
        sql::Statement st(db_,
                          "INSERT INTO accounts (platform, account, label, is_default, "
                          "created_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (platform, "
                          "account) DO UPDATE SET label = excluded.label");
        if (!st.ok()) return st.prepare_rc();
        st.bind(1, account.platform);
        st.bind(2, account.account);
        st.bind(3, account.label);
        st.bind(4, std::int64_t{account.account == "default"});
        st.bind(5, utc_stamp(false));
        int r = st.step();
        return r == SQLITE_DONE ? SQLITE_OK : r;
    });
    if (rc != SQLITE_OK) return unavailable(health_.path, "cannot write: " + sqlite_error(db_, rc));
    return Ok{};
}

}  // namespace og::store
