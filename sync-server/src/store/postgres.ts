// The scale-out store: rooms' update logs and snapshots, workspaces and tokens in Postgres,
// shared by every relay process (DESIGN.md "Scale"). Same promises as the SQLite store and
// the same contract suite (contract.ts): append() resolves only after COMMIT (synchronous
// commit, so a power cut loses nothing acknowledged), compaction never blocks appends.
//
// Why the log has no "upto" watermark as SQLite has: with concurrent writers a bigserial id
// is taken at insert time but becomes visible at commit, so a lower id can appear after a
// higher one was read. Compaction therefore deletes exactly the rows it folded, and a load
// reads the snapshot plus every remaining row in ONE statement (one MVCC view).
import postgres from 'postgres';
import { Worker } from 'node:worker_threads';
import { migratePostgres } from './postgres-schema.ts';
import { PostgresTokens } from './postgres-tokens.ts';
import type {
	AppendEntry,
	CompactResult,
	MetaStore,
	NewToken,
	RedeemResult,
	RoomStore,
	TokenRecord
} from './types.ts';

type Sql = postgres.Sql<Record<string, never>>;

/** `W` and every shard `W/…`: '/' + 1 is '0', so the range is exact (LIKE would treat '_' as a wildcard). */
const shardRange = (workspaceId: string) => [workspaceId + '/', workspaceId + '0'] as const;

export class PostgresStore implements RoomStore, MetaStore {
	readonly #sql: Sql;
	readonly #ready: Promise<void>;
	readonly #tokens: PostgresTokens;
	#merger: MergeWorker | undefined;
	#compacting = new Set<Promise<unknown>>();

	constructor(url: string, opts: { max?: number } = {}) {
		// bytea comes back as Buffer; numbers as strings for bigint (converted below).
		this.#sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, idle_timeout: 30 });
		this.#ready = migratePostgres(this.#sql);
		this.#tokens = new PostgresTokens(this.#sql);
		// A failed migration surfaces on the first call; never as an unhandled rejection.
		this.#ready.catch(() => {});
	}

	async append(entries: readonly AppendEntry[]): Promise<void> {
		if (entries.length === 0) return;
		await this.#ready;
		const rows = entries.map((e) => ({ room: e.room, data: Buffer.from(e.update) }));
		// One multi-row INSERT in one transaction: all or none, one WAL flush for the batch
		// (the group commit of rooms/commit.ts spans rooms).
		await this.#sql`INSERT INTO bangfu_updates ${this.#sql(rows, 'room', 'data')}`;
	}

	async load(room: string): Promise<Uint8Array[]> {
		await this.#ready;
		const rows = await this.#sql<{ data: Buffer }[]>`
			SELECT data FROM (
				SELECT data, 0 AS part, 0::bigint AS id FROM bangfu_snapshots WHERE room = ${room}
				UNION ALL
				SELECT data, 1 AS part, id FROM bangfu_updates WHERE room = ${room}
			) AS stored ORDER BY part, id`;
		return rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
	}

	async workspaceUsage(workspaceId: string): Promise<Map<string, number>> {
		await this.#ready;
		const [lo, hi] = shardRange(workspaceId);
		const rows = await this.#sql<{ room: string; bytes: string }[]>`
			SELECT room, sum(n)::bigint AS bytes FROM (
				SELECT room, octet_length(data) AS n FROM bangfu_updates
				WHERE room = ${workspaceId} OR (room >= ${lo} AND room < ${hi})
				UNION ALL
				SELECT room, octet_length(data) AS n FROM bangfu_snapshots
				WHERE room = ${workspaceId} OR (room >= ${lo} AND room < ${hi})
			) AS sizes GROUP BY room`;
		return new Map(rows.map((r) => [r.room, Number(r.bytes)]));
	}

	async logLength(room: string): Promise<number> {
		await this.#ready;
		const [row] = await this.#sql<{ n: string }[]>`
			SELECT count(*) AS n FROM bangfu_updates WHERE room = ${room}`;
		return Number(row?.n ?? 0);
	}

	compact(room: string): Promise<CompactResult> {
		const job = this.#compact(room);
		this.#compacting.add(job);
		void job.finally(() => this.#compacting.delete(job)).catch(() => {});
		return job;
	}

	async #compact(room: string): Promise<CompactResult> {
		await this.#ready;
		// Read what to fold outside any lock: appends go on; rows they add are not deleted.
		const snap = await this.#sql<{ data: Buffer }[]>`
			SELECT data FROM bangfu_snapshots WHERE room = ${room}`;
		const log = await this.#sql<{ id: string; data: Buffer }[]>`
			SELECT id, data FROM bangfu_updates WHERE room = ${room} ORDER BY id`;
		if (log.length === 0) return { merged: 0, snapshotBytes: snap[0]?.data.length ?? 0 };
		const parts = [...(snap[0] ? [snap[0].data] : []), ...log.map((r) => r.data)];
		const merged = await this.#mergeWorker().merge(parts);
		const ids = log.map((r) => r.id);
		const folded = await this.#sql.begin(async (tx) => {
			// Two processes compacting one room: the second waits, then finds its rows gone.
			await tx`SELECT pg_advisory_xact_lock(hashtext(${'bangfu-compact:' + room}))`;
			const [still] = await tx<{ n: string }[]>`
				SELECT count(*) AS n FROM bangfu_updates WHERE id = ANY(${ids}::bigint[])`;
			// Another compaction folds every row it sees, ours included: if any is gone, it won.
			if (Number(still?.n) !== ids.length) return false;
			await tx`
				INSERT INTO bangfu_snapshots (room, data, updated_at)
				VALUES (${room}, ${Buffer.from(merged)}, ${Date.now()})
				ON CONFLICT (room) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`;
			await tx`DELETE FROM bangfu_updates WHERE id = ANY(${ids}::bigint[])`;
			return true;
		});
		if (!folded) return { merged: 0, snapshotBytes: snap[0]?.data.length ?? 0 };
		return { merged: log.length, snapshotBytes: merged.length };
	}

	#mergeWorker(): MergeWorker {
		return (this.#merger ??= new MergeWorker());
	}

	async registerWorkspace(workspaceId: string): Promise<boolean> {
		await this.#ready;
		const rows = await this.#sql`
			INSERT INTO bangfu_workspaces (id, created_at) VALUES (${workspaceId}, ${Date.now()})
			ON CONFLICT (id) DO NOTHING RETURNING id`;
		return rows.length === 1;
	}

	async workspaceExists(workspaceId: string): Promise<boolean> {
		await this.#ready;
		const rows = await this.#sql`SELECT 1 FROM bangfu_workspaces WHERE id = ${workspaceId}`;
		return rows.length === 1;
	}

	async recordToken(token: NewToken): Promise<void> {
		await this.#ready;
		await this.#tokens.record(token);
	}

	async revokeToken(workspaceId: string, jti: string): Promise<'revoked' | 'not_found'> {
		return (await this.revokeWithDevices(workspaceId, jti)) ? 'revoked' : 'not_found';
	}

	async revokeWithDevices(workspaceId: string, jti: string): Promise<string[] | null> {
		await this.#ready;
		return this.#tokens.revokeWithDevices(workspaceId, jti);
	}

	async isRevoked(jti: string): Promise<boolean> {
		await this.#ready;
		return this.#tokens.isRevoked(jti);
	}

	async getToken(jti: string): Promise<TokenRecord | null> {
		await this.#ready;
		return this.#tokens.get(jti);
	}

	async listTokens(workspaceId: string): Promise<TokenRecord[]> {
		await this.#ready;
		return this.#tokens.list(workspaceId);
	}

	async redeemInvitation(invitationJti: string, device: NewToken): Promise<RedeemResult> {
		await this.#ready;
		return this.#tokens.redeem(invitationJti, device);
	}

	async touchToken(jti: string, at: number): Promise<void> {
		await this.#ready;
		await this.#tokens.touch(jti, at);
	}

	/** Waits for running compactions (each writes in one transaction), then closes the pool. */
	async close(): Promise<void> {
		await Promise.allSettled([...this.#compacting]);
		await this.#merger?.close();
		await this.#sql.end({ timeout: 5 });
	}
}

/**
 * Folds a room's stored updates into one on a worker thread, so a county-sized room never
 * stalls the relay's event loop. Plain JS source: worker threads cannot load .ts through tsx
 * on Node 20.
 */
class MergeWorker {
	#worker: Worker;
	#next = 1;
	#jobs = new Map<number, { resolve: (u: Uint8Array) => void; reject: (e: Error) => void }>();

	constructor() {
		this.#worker = new Worker(new URL('./merge-worker.mjs', import.meta.url));
		this.#worker.unref();
		this.#worker.on('message', (reply: { id: number; data?: Uint8Array; error?: string }) => {
			const job = this.#jobs.get(reply.id);
			this.#jobs.delete(reply.id);
			if (reply.error || !reply.data) job?.reject(new Error(reply.error ?? 'merge failed'));
			else job?.resolve(reply.data);
		});
		this.#worker.on('error', (err) => this.#failAll(err));
		this.#worker.on('exit', () => this.#failAll(new Error('merge worker exited')));
	}

	merge(parts: Uint8Array[]): Promise<Uint8Array> {
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#jobs.set(id, { resolve, reject });
			this.#worker.postMessage({ id, parts });
		});
	}

	#failAll(err: Error): void {
		for (const job of this.#jobs.values()) job.reject(err);
		this.#jobs.clear();
	}

	async close(): Promise<void> {
		await this.#worker.terminate();
	}
}
