// The Postgres schema, created and migrated by the relay on start. Each step runs once, in
// order, inside one transaction holding an advisory lock, so several relay processes starting
// together migrate exactly once.
import type postgres from 'postgres';

const STEPS: string[] = [
	`CREATE TABLE bangfu_updates (
		id bigserial PRIMARY KEY,
		room text NOT NULL,
		data bytea NOT NULL
	);
	CREATE INDEX bangfu_updates_room ON bangfu_updates (room, id);
	CREATE TABLE bangfu_snapshots (
		room text PRIMARY KEY,
		data bytea NOT NULL,
		updated_at bigint NOT NULL
	);
	CREATE TABLE bangfu_workspaces (id text PRIMARY KEY, created_at bigint NOT NULL);
	CREATE TABLE bangfu_tokens (
		jti text PRIMARY KEY,
		workspace_id text NOT NULL,
		role text NOT NULL,
		expires_at bigint NOT NULL,
		label text NOT NULL DEFAULT '',
		revoked_at bigint
	);
	CREATE INDEX bangfu_tokens_workspace ON bangfu_tokens (workspace_id);`,
	// Issue 9: invitations admit devices, each with its own token; listed in issue order.
	`ALTER TABLE bangfu_tokens ADD COLUMN seq bigserial;
	ALTER TABLE bangfu_tokens ADD COLUMN kind text NOT NULL DEFAULT 'device';
	ALTER TABLE bangfu_tokens ADD COLUMN name text NOT NULL DEFAULT '';
	ALTER TABLE bangfu_tokens ADD COLUMN invitation_jti text;
	ALTER TABLE bangfu_tokens ADD COLUMN device_id text;
	ALTER TABLE bangfu_tokens ADD COLUMN max_uses integer;
	ALTER TABLE bangfu_tokens ADD COLUMN uses integer NOT NULL DEFAULT 0;
	ALTER TABLE bangfu_tokens ADD COLUMN last_seen bigint;
	UPDATE bangfu_tokens SET kind = 'owner' WHERE role = 'owner';
	CREATE INDEX bangfu_tokens_invitation ON bangfu_tokens (invitation_jti);`
];

export const POSTGRES_SCHEMA_VERSION = STEPS.length;

export async function migratePostgres(sql: postgres.Sql<Record<string, never>>): Promise<void> {
	await sql.begin(async (tx) => {
		await tx`SELECT pg_advisory_xact_lock(hashtext('bangfu-migrate'))`;
		await tx`CREATE TABLE IF NOT EXISTS bangfu_schema (version integer NOT NULL)`;
		const [row] = await tx<{ version: number }[]>`SELECT version FROM bangfu_schema`;
		const from = row?.version ?? 0;
		if (from > STEPS.length) {
			throw new Error(`the database has schema ${from}, newer than this relay's ${STEPS.length}`);
		}
		for (let v = from; v < STEPS.length; v++) await tx.unsafe(STEPS[v]!);
		if (!row) await tx`INSERT INTO bangfu_schema (version) VALUES (${STEPS.length})`;
		else await tx`UPDATE bangfu_schema SET version = ${STEPS.length}`;
	});
}
