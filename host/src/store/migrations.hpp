#pragma once
// The store's schema history. Each entry takes the database from version - 1 to version and
// runs inside the migrating transaction; PRAGMA user_version records the last one applied.
// Append new entries; never change the schema a published one creates.
// Migration 1 used to seed a default account for each of three platforms. Platforms are catalog
// data now and each one's default account is implied by whoever lists accounts, so new stores
// get no seeded rows; stores created before keep theirs, which say the same thing.
#include <array>

namespace og::store {

struct Migration {
    int version;
    const char* sql;
};

inline constexpr std::array<Migration, 3> kMigrations = {{
    {1, R"sql(
CREATE TABLE events (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL UNIQUE,
    at              TEXT    NOT NULL,
    platform        TEXT    NOT NULL,
    account         TEXT    NOT NULL,
    procedure_id    TEXT    NOT NULL,
    step_id         TEXT    NOT NULL DEFAULT '',
    type            TEXT    NOT NULL,
    url             TEXT    NOT NULL DEFAULT '',
    client          TEXT    NOT NULL DEFAULT '',
    catalog_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_by_procedure ON events (platform, account, procedure_id, seq);
-- The journal is the record a person may attach to a complaint: it is never rewritten.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END;
CREATE TABLE accounts (
    platform   TEXT    NOT NULL,
    account    TEXT    NOT NULL,
    label      TEXT    NOT NULL DEFAULT '',
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (platform, account)
);
)sql"},
    // The confirmation Meta showed, kept with the form_submitted event it proves.
    {2, R"sql(
ALTER TABLE events ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
)sql"},
    // "This isn't what I see" reports (docs/catalog.md): what the guide tried on a page, kept
    // for the user to export and send, or not. Not part of the record.
    {3, R"sql(
CREATE TABLE reports (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    at   TEXT    NOT NULL,
    body TEXT    NOT NULL
);
)sql"},
}};

static_assert(kMigrations.back().version == 3, "kSchemaVersion must follow the last migration");

}  // namespace og::store
