// SQLite schema and connection settings, shared by the relay's main connection and the
// compaction worker (which repeats the pragmas: they are per connection).
import type Database from 'better-sqlite3';

export const DB_FILE = 'relay.sqlite';

/** Per-connection pragmas: WAL lets the compactor read while the relay writes; FULL fsyncs
 * every commit so an update the relay has echoed survives a power cut (DESIGN "Storage promises"). */
export function configure(db: Database.Database): void {
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	// The compactor's short write transaction may hold the lock for a few ms.
	db.pragma('busy_timeout = 5000');
	db.pragma('foreign_keys = ON');
}

export function migrate(db: Database.Database): void {
	db.exec(`
		-- AUTOINCREMENT: ids are never reused after compaction deletes a prefix, so
		-- snapshots.upto always means "everything up to this id is inside the snapshot".
		CREATE TABLE IF NOT EXISTS updates (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			room TEXT NOT NULL,
			data BLOB NOT NULL
		);
		CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, id);
		CREATE TABLE IF NOT EXISTS snapshots (
			room TEXT PRIMARY KEY,
			data BLOB NOT NULL,
			upto INTEGER NOT NULL,
			updated_at INTEGER NOT NULL
		);
		CREATE TABLE IF NOT EXISTS workspaces (
			id TEXT PRIMARY KEY,
			created_at INTEGER NOT NULL
		);
		CREATE TABLE IF NOT EXISTS tokens (
			jti TEXT PRIMARY KEY,
			workspace_id TEXT NOT NULL,
			role TEXT NOT NULL,
			expires_at INTEGER NOT NULL,
			label TEXT NOT NULL,
			revoked_at INTEGER
		);
		CREATE INDEX IF NOT EXISTS tokens_by_workspace ON tokens (workspace_id);
	`);
	migrateTokenKinds(db);
}

/** Issue 9: invitations admit devices, each with its own token. Tokens issued before carry
 * no kind: registration tokens are owners, "invite (…)" labels were invitations (still
 * accepted on a socket until the device exchanges them), the rest operator-minted devices. */
function migrateTokenKinds(db: Database.Database): void {
	const columns = new Set(
		(db.prepare('PRAGMA table_info(tokens)').all() as { name: string }[]).map((c) => c.name)
	);
	if (columns.has('kind')) return;
	db.transaction(() => {
		db.exec(`
			ALTER TABLE tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'device';
			ALTER TABLE tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
			ALTER TABLE tokens ADD COLUMN invitation_jti TEXT;
			ALTER TABLE tokens ADD COLUMN device_id TEXT;
			ALTER TABLE tokens ADD COLUMN max_uses INTEGER;
			ALTER TABLE tokens ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
			ALTER TABLE tokens ADD COLUMN last_seen INTEGER;
			UPDATE tokens SET kind = CASE
				WHEN role = 'owner' THEN 'owner'
				WHEN label LIKE 'invite (%' THEN 'invitation'
				ELSE 'device' END;
			CREATE INDEX IF NOT EXISTS tokens_by_invitation ON tokens (invitation_jti);
		`);
	})();
}
