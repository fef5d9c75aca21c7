// Blobs (photos, signed scans) in Postgres for the scale-out relay: every process serves every
// workspace's blobs from the shared database. One row per blob, content-addressed like the
// file store, and passing the same contract suite (contract.ts).
//
// Photos are compressed on the phone already, so the column is stored EXTERNAL (out of line,
// not compressed again). A blob is at most MAX_BLOB_BYTES (16 MiB by default), so an upload
// is gathered in memory while it is hashed and written in one statement; the relay's
// connection caps bound how many are in flight.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import postgres from 'postgres';
import type { BlobHealth, BlobStore, PutOptions, PutResult } from './types.ts';

type Sql = postgres.Sql<Record<string, never>>;

/** SQLSTATE 53100 disk_full, 53200 out_of_memory, 53300 too_many_connections. */
const NO_SPACE = new Set(['53100']);

export async function migrateBlobs(sql: Sql): Promise<void> {
	await sql.begin(async (tx) => {
		await tx`SELECT pg_advisory_xact_lock(hashtext('bangfu-migrate-blobs'))`;
		await tx.unsafe(`
			CREATE TABLE IF NOT EXISTS bangfu_blobs (
				workspace_id text NOT NULL,
				sha256 text NOT NULL,
				size integer NOT NULL,
				data bytea NOT NULL,
				created_at bigint NOT NULL,
				PRIMARY KEY (workspace_id, sha256)
			);
			ALTER TABLE bangfu_blobs ALTER COLUMN data SET STORAGE EXTERNAL;`);
	});
}

export class PostgresBlobStore implements BlobStore {
	readonly maxBytes: number;
	readonly #sql: Sql;
	#ready: Promise<void> | undefined;
	#health: BlobHealth = { ok: true };

	constructor(url: string, maxBytes: number, opts: { max?: number } = {}) {
		this.maxBytes = maxBytes;
		this.#sql = postgres(url, { max: opts.max ?? 4, onnotice: () => {}, idle_timeout: 30 });
	}

	/** Creates the table; nothing is ever half-written here (one INSERT per blob). */
	init(): Promise<void> {
		return (this.#ready ??= migrateBlobs(this.#sql));
	}

	async size(workspaceId: string, sha256: string): Promise<number | null> {
		await this.init();
		const [row] = await this.#sql<{ size: number }[]>`
			SELECT size FROM bangfu_blobs WHERE workspace_id = ${workspaceId} AND sha256 = ${sha256}`;
		return row?.size ?? null;
	}

	async open(
		workspaceId: string,
		sha256: string
	): Promise<{ size: number; stream: Readable } | null> {
		await this.init();
		const [row] = await this.#sql<{ data: Buffer }[]>`
			SELECT data FROM bangfu_blobs WHERE workspace_id = ${workspaceId} AND sha256 = ${sha256}`;
		if (!row) return null;
		return { size: row.data.length, stream: Readable.from([row.data]) };
	}

	async put(
		workspaceId: string,
		sha256: string,
		body: AsyncIterable<Uint8Array>,
		opts: PutOptions
	): Promise<PutResult> {
		await this.init();
		const hash = createHash('sha256');
		const chunks: Buffer[] = [];
		let size = 0;
		try {
			for await (const chunk of body) {
				size += chunk.length;
				if (size > this.maxBytes) return { ok: false, reason: 'too_large' };
				hash.update(chunk);
				chunks.push(Buffer.from(chunk));
			}
		} catch {
			return { ok: false, reason: 'aborted' };
		}
		if (hash.digest('hex') !== sha256) return { ok: false, reason: 'hash_mismatch' };
		const data = Buffer.concat(chunks, size);
		try {
			const result = await this.#sql.begin(async (tx): Promise<PutResult> => {
				// One upload per workspace at a time decides against the quota.
				await tx`SELECT pg_advisory_xact_lock(hashtext(${'bangfu-blobs:' + workspaceId}))`;
				const [have] = await tx`
					SELECT 1 FROM bangfu_blobs WHERE workspace_id = ${workspaceId} AND sha256 = ${sha256}`;
				if (have) return { ok: true, created: false };
				const [used] = await tx<{ n: string }[]>`
					SELECT coalesce(sum(size), 0) AS n FROM bangfu_blobs WHERE workspace_id = ${workspaceId}`;
				if (Number(used?.n ?? 0) + size > opts.quotaBytes) {
					return { ok: false, reason: 'quota_exceeded' };
				}
				await tx`
					INSERT INTO bangfu_blobs (workspace_id, sha256, size, data, created_at)
					VALUES (${workspaceId}, ${sha256}, ${size}, ${data}, ${Date.now()})`;
				return { ok: true, created: true };
			});
			this.#health = { ok: true };
			return result;
		} catch (err) {
			const code = (err as { code?: string }).code ?? '';
			const problem = NO_SPACE.has(code) ? 'no_space' : 'unavailable';
			this.#health = { ok: false, problem };
			return { ok: false, reason: problem };
		}
	}

	async delete(workspaceId: string, sha256: string): Promise<boolean> {
		await this.init();
		const rows = await this.#sql`
			DELETE FROM bangfu_blobs WHERE workspace_id = ${workspaceId} AND sha256 = ${sha256}
			RETURNING sha256`;
		return rows.length === 1;
	}

	async usage(workspaceId: string): Promise<number> {
		await this.init();
		const [row] = await this.#sql<{ n: string }[]>`
			SELECT coalesce(sum(size), 0) AS n FROM bangfu_blobs WHERE workspace_id = ${workspaceId}`;
		return Number(row?.n ?? 0);
	}

	health(): BlobHealth {
		return this.#health;
	}

	async close(): Promise<void> {
		await this.#sql.end({ timeout: 5 });
	}
}
