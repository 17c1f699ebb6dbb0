import Foundation

/// A named schema change. Migrations are append-only: a released one is never edited or removed,
/// and new ones go at the end of `Migrations.all`.
public struct Migration: Sendable {
    public let name: String
    public let sql: String
}

public enum Migrations {
    /// Every migration, in the order it is applied.
    public static let all: [Migration] = [
        Migration(name: "0001_cities_schools_catchments", sql: """
            CREATE TABLE cities (
                id TEXT PRIMARY KEY,
                name_kk TEXT NOT NULL,
                name_ru TEXT NOT NULL,
                name_en TEXT NOT NULL,
                boundary BLOB,
                min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
                is_demo INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );

            CREATE TABLE districts (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                name_kk TEXT, name_ru TEXT, name_en TEXT,
                geometry BLOB,
                PRIMARY KEY (city_id, id)
            );

            CREATE TABLE schools (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                number INTEGER,
                name_kk TEXT, name_ru TEXT, name_en TEXT,
                languages TEXT NOT NULL DEFAULT '',
                type TEXT, ownership TEXT, district TEXT,
                address_kk TEXT, address_ru TEXT,
                lon REAL, lat REAL,
                grades TEXT, shifts INTEGER, capacity INTEGER, enrollment INTEGER, free_places TEXT,
                director TEXT, phone TEXT, email TEXT, website TEXT, founded INTEGER,
                profile TEXT, programmes TEXT, accessibility TEXT,
                properties TEXT NOT NULL DEFAULT '{}',
                PRIMARY KEY (city_id, id),
                CHECK ((lon IS NULL) = (lat IS NULL))
            );

            CREATE TABLE catchments (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                language TEXT NOT NULL DEFAULT '',
                school_key TEXT,
                school_id TEXT,
                geometry BLOB NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
                properties TEXT NOT NULL DEFAULT '{}',
                updated_at TEXT NOT NULL,
                PRIMARY KEY (city_id, key, language)
            );
            CREATE INDEX catchments_school ON catchments (city_id, school_id);

            CREATE TABLE import_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                city_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                read_count INTEGER NOT NULL,
                imported_count INTEGER NOT NULL,
                repaired_count INTEGER NOT NULL,
                skipped_count INTEGER NOT NULL,
                report TEXT NOT NULL
            );
            """),
        Migration(name: "0002_streets_addresses", sql: """
            CREATE TABLE streets (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                id INTEGER NOT NULL,
                name_ru TEXT,
                name_kk TEXT,
                aliases TEXT NOT NULL DEFAULT '[]',
                type TEXT,
                district TEXT,
                geometry BLOB,
                PRIMARY KEY (city_id, id)
            );

            CREATE TABLE addresses (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                id INTEGER NOT NULL,
                street TEXT NOT NULL,
                house TEXT NOT NULL,
                lon REAL NOT NULL,
                lat REAL NOT NULL,
                properties TEXT NOT NULL DEFAULT '{}',
                PRIMARY KEY (city_id, id)
            );
            """),
        Migration(name: "0003_teachers", sql: """
            CREATE TABLE teachers (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                school_id TEXT NOT NULL,
                name TEXT NOT NULL,
                grades TEXT,
                subjects TEXT,
                languages TEXT NOT NULL DEFAULT '',
                category TEXT,
                experience_years INTEGER,
                PRIMARY KEY (city_id, id)
            );

            CREATE TABLE teacher_indicators (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                teacher_id TEXT NOT NULL,
                school_year TEXT NOT NULL,
                kind TEXT NOT NULL,
                successes INTEGER,
                mean_score REAL,
                standard_deviation REAL,
                sample_size INTEGER NOT NULL,
                PRIMARY KEY (city_id, teacher_id, school_year, kind)
            );

            CREATE TABLE city_settings (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (city_id, key)
            );
            """),
        // Catchments move into versioned plans: every change writes a catchment version, and a plan
        // lists which version of each catchment it holds from one plan revision to the next.
        // Existing catchments become one published plan per city, in force since always.
        Migration(name: "0004_plans", sql: """
            CREATE TABLE plans (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                school_year TEXT NOT NULL DEFAULT '',
                name TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn', 'discarded')),
                based_on INTEGER REFERENCES plans(id),
                revision INTEGER NOT NULL DEFAULT 0,
                effective_from TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                published_by TEXT,
                published_at TEXT,
                override_reason TEXT
            );
            CREATE INDEX plans_city ON plans (city_id, status);

            CREATE TABLE catchment_versions (
                city_id TEXT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                language TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL,
                operation TEXT NOT NULL,
                school_key TEXT,
                school_id TEXT,
                geometry BLOB,
                min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
                properties TEXT NOT NULL DEFAULT '{}',
                plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
                author TEXT NOT NULL,
                comment TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                PRIMARY KEY (city_id, key, language, version)
            );
            CREATE INDEX catchment_versions_school_key ON catchment_versions (city_id, school_key);

            CREATE TABLE plan_members (
                plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                language TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL,
                from_revision INTEGER NOT NULL,
                to_revision INTEGER,
                PRIMARY KEY (plan_id, key, language, from_revision)
            );
            CREATE INDEX plan_members_current ON plan_members (plan_id, to_revision);

            CREATE TABLE plan_revisions (
                plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                revision INTEGER NOT NULL,
                operation TEXT NOT NULL,
                author TEXT NOT NULL,
                comment TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                PRIMARY KEY (plan_id, revision)
            );

            CREATE TABLE staff_users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('planner', 'staff', 'admin')),
                city_id TEXT REFERENCES cities(id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                disabled_at TEXT
            );

            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                user_id INTEGER,
                user_name TEXT NOT NULL,
                city_id TEXT,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                before_version INTEGER,
                after_version INTEGER,
                detail TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX audit_log_city ON audit_log (city_id, id);

            INSERT INTO plans (city_id, name, status, revision, created_by, created_at, published_by, published_at)
                SELECT city_id, 'imported', 'published', 1, 'import', MAX(updated_at), 'import', MAX(updated_at)
                FROM catchments GROUP BY city_id;
            INSERT INTO plan_revisions (plan_id, revision, operation, author, comment, created_at)
                SELECT id, 1, 'import', 'import', 'catchments imported before plans existed', created_at FROM plans;
            INSERT INTO catchment_versions (city_id, key, language, version, operation, school_key, school_id, geometry,
                    min_lon, min_lat, max_lon, max_lat, properties, plan_id, author, comment, created_at)
                SELECT c.city_id, c.key, c.language, c.version, 'import', c.school_key, c.school_id, c.geometry,
                    c.min_lon, c.min_lat, c.max_lon, c.max_lat, c.properties, p.id, 'import', '', c.updated_at
                FROM catchments c JOIN plans p ON p.city_id = c.city_id;
            INSERT INTO plan_members (plan_id, key, language, version, from_revision, to_revision)
                SELECT p.id, c.key, c.language, c.version, 1, NULL FROM catchments c JOIN plans p ON p.city_id = c.city_id;
            DROP TABLE catchments;
            """),
        Migration(name: "0005_identity", sql: """
            CREATE TABLE register_people (
                iin TEXT PRIMARY KEY,
                surname TEXT NOT NULL,
                given_name TEXT NOT NULL,
                patronymic TEXT,
                birth_date TEXT NOT NULL,
                sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
                citizenship TEXT NOT NULL,
                phone TEXT,
                is_demo INTEGER NOT NULL DEFAULT 0
            );

            CREATE TABLE register_links (
                parent_iin TEXT NOT NULL REFERENCES register_people(iin) ON DELETE CASCADE,
                child_iin TEXT NOT NULL REFERENCES register_people(iin) ON DELETE CASCADE,
                relation TEXT NOT NULL CHECK (relation IN ('parent', 'guardian')),
                PRIMARY KEY (parent_iin, child_iin)
            );
            CREATE INDEX register_links_child ON register_links (child_iin);

            CREATE TABLE accounts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                iin TEXT NOT NULL UNIQUE,
                phone TEXT NOT NULL,
                extra_phone TEXT,
                email TEXT,
                notify_sms INTEGER NOT NULL DEFAULT 1,
                notify_email INTEGER NOT NULL DEFAULT 0,
                language TEXT NOT NULL DEFAULT 'ru',
                password_hash TEXT,
                password_changed_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );

            CREATE TABLE one_time_codes (
                purpose TEXT NOT NULL,
                phone TEXT NOT NULL,
                subject TEXT,
                code_hash BLOB NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                used_at TEXT,
                PRIMARY KEY (purpose, phone)
            );

            CREATE TABLE identity_tokens (
                token_hash BLOB PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('password_setup', 'phone_confirmation')),
                account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
                phone TEXT,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            );

            CREATE TABLE sessions (
                token_hash BLOB PRIMARY KEY,
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                csrf_hash BLOB NOT NULL,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                absolute_expires_at TEXT NOT NULL
            );
            CREATE INDEX sessions_account ON sessions (account_id);

            CREATE TABLE rate_events (
                bucket TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX rate_events_bucket ON rate_events (bucket, at);

            CREATE TABLE login_failures (
                key TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                last_failure_at TEXT NOT NULL,
                locked_until TEXT
            );

            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
                recipient TEXT NOT NULL,
                subject TEXT,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """),
    ]

    /// Applies the migrations the database lacks, each in its own transaction.
    ///
    /// Throws `StoreError.unknownMigration` when the database records a
    /// migration missing from `all`, because a newer version wrote it.
    public static func apply(to database: Database) throws {
        try database.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name TEXT PRIMARY KEY,
                applied_at TEXT NOT NULL
            )
            """)
        let applied = Set(try database.prepare("SELECT name FROM schema_migrations").rows { $0.text(0) })
        let known = Set(all.map(\.name))
        if let unknown = applied.subtracting(known).sorted().first { throw StoreError.unknownMigration(name: unknown) }

        for migration in all where !applied.contains(migration.name) {
            try database.transaction {
                try database.execute(migration.sql)
                try database.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?1, ?2)")
                    .run([.text(migration.name), .text(Timestamp.now())])
            }
        }
    }
}

/// ISO 8601 timestamps in UTC, the format every `*_at` column uses.
public enum Timestamp {
    public static func now() -> String {
        string(from: Date())
    }

    public static func string(from date: Date) -> String {
        var formatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        formatter.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(formatter)
    }
}
