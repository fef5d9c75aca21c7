// The embedded store: one SQLite file under DATA_DIR holds every room's update log and
// snapshot, the workspaces and the issued tokens. See docs/decisions/0002-relay-storage.md.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { configure, DB_FILE, migrate } from './schema.ts';
import { SqliteTokens } from './sqlite-tokens.ts';
import { SqliteWriter } from './sqlite-writer.ts';
import type {
	AppendEntry,
	CompactResult,
	MetaStore,
	NewToken,
	RedeemResult,
	RoomStore,
	TokenRecord
} from './types.ts';

type WorkerReply = { id: number; merged?: number; snapshotBytes?: number; error?: string };
type UsageRow = { room: string; bytes: number };

export class SqliteStore implements RoomStore, MetaStore {
	readonly path: string;
	#db: Database.Database;
	#worker: Worker | null = null;
	#nextJob = 1;
	#jobs = new Map<number, { resolve: (r: CompactResult) => void; reject: (e: Error) => void }>();
	#closed = false;
	#stmt;
	#writer: SqliteWriter;
	#loadRoom: (room: string) => Uint8Array[];
	#tokens: SqliteTokens;

	constructor(dataDir: string) {
		this.path = join(dataDir, DB_FILE);
		this.#db = new Database(this.path);
		configure(this.#db);
		migrate(this.#db);
		const db = this.#db;
		this.#stmt = {
			snapshot: db.prepare<[string], { data: Buffer; upto: number }>(
				'SELECT data, upto FROM snapshots WHERE room = ?'
			),
			log: db.prepare<[string, number], { data: Buffer }>(
				'SELECT data FROM updates WHERE room = ? AND id > ? ORDER BY id'
			),
			logLength: db.prepare<[string, string], { n: number }>(
				`SELECT count(*) AS n FROM updates WHERE room = ? AND id >
				 coalesce((SELECT upto FROM snapshots WHERE room = ?), 0)`
			),
			// A workspace's rooms are `W` and `W/…`: '/' + 1 is '0', so the range is exact and
			// uses the (room, id) index; LIKE would treat '_' in ids as a wildcard.
			usage: db.prepare<[string, string, string, string, string, string], UsageRow>(
				`SELECT room, sum(n) AS bytes FROM (
					SELECT room, length(data) AS n FROM updates
					WHERE room = ? OR (room >= ? AND room < ?)
					UNION ALL
					SELECT room, length(data) AS n FROM snapshots
					WHERE room = ? OR (room >= ? AND room < ?)
				) GROUP BY room`
			),
			addWorkspace: db.prepare('INSERT OR IGNORE INTO workspaces (id, created_at) VALUES (?, ?)'),
			hasWorkspace: db.prepare<[string], { one: number }>(
				'SELECT 1 AS one FROM workspaces WHERE id = ?'
			)
		};
		this.#tokens = new SqliteTokens(db);
		// One transaction = one fsync for a whole batch (group commit, see rooms/commit.ts), on
		// the writer thread.
		this.#writer = new SqliteWriter(this.path);
		const snapshot = this.#stmt.snapshot;
		const log = this.#stmt.log;
		// One read transaction: a consistent view even if the compactor commits meanwhile.
		this.#loadRoom = db.transaction((room: string) => {
			const snap = snapshot.get(room);
			const rows = log.all(room, snap?.upto ?? 0);
			const out: Uint8Array[] = snap ? [snap.data] : [];
			for (const r of rows) out.push(r.data);
			return out;
		});
	}

	append(entries: readonly AppendEntry[]): Promise<void> {
		if (this.#closed) return Promise.reject(new Error('store closed'));
		return this.#writer.append(entries);
	}

	async load(room: string): Promise<Uint8Array[]> {
		return this.#loadRoom(room);
	}

	async workspaceUsage(workspaceId: string): Promise<Map<string, number>> {
		const w = workspaceId;
		const rows = this.#stmt.usage.all(w, `${w}/`, `${w}0`, w, `${w}/`, `${w}0`);
		return new Map(rows.map((r) => [r.room, r.bytes]));
	}

	async logLength(room: string): Promise<number> {
		return this.#stmt.logLength.get(room, room)?.n ?? 0;
	}

	compact(room: string): Promise<CompactResult> {
		if (this.#closed) return Promise.reject(new Error('store closed'));
		const worker = this.#ensureWorker();
		const id = this.#nextJob++;
		return new Promise((resolve, reject) => {
			this.#jobs.set(id, { resolve, reject });
			worker.postMessage({ id, room });
		});
	}

	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./compact-worker.mjs', import.meta.url), {
			workerData: { dbPath: this.path },
			// The worker is plain JS; do not inherit loaders (tsx, vitest) it does not need.
			execArgv: []
		});
		worker.on('message', (reply: WorkerReply) => {
			const job = this.#jobs.get(reply.id);
			if (!job) return;
			this.#jobs.delete(reply.id);
			if (reply.error !== undefined) job.reject(new Error(reply.error));
			else job.resolve({ merged: reply.merged ?? 0, snapshotBytes: reply.snapshotBytes ?? 0 });
		});
		const failAll = (err: Error) => {
			for (const job of this.#jobs.values()) job.reject(err);
			this.#jobs.clear();
			this.#worker = null;
		};
		worker.on('error', failAll);
		worker.on('exit', () => failAll(new Error('compaction worker exited')));
		// Compaction must never keep the process alive on its own.
		worker.unref();
		this.#worker = worker;
		return worker;
	}

	async registerWorkspace(workspaceId: string): Promise<boolean> {
		return this.#stmt.addWorkspace.run(workspaceId, Date.now()).changes === 1;
	}

	async workspaceExists(workspaceId: string): Promise<boolean> {
		return this.#stmt.hasWorkspace.get(workspaceId) !== undefined;
	}

	async recordToken(t: NewToken): Promise<void> {
		this.#tokens.record(t);
	}

	async revokeToken(workspaceId: string, jti: string): Promise<'revoked' | 'not_found'> {
		return this.#tokens.revoke(workspaceId, jti);
	}

	async revokeWithDevices(workspaceId: string, jti: string): Promise<string[] | null> {
		return this.#tokens.revokeWithDevices(workspaceId, jti);
	}

	async isRevoked(jti: string): Promise<boolean> {
		return this.#tokens.isRevoked(jti);
	}

	async getToken(jti: string): Promise<TokenRecord | null> {
		return this.#tokens.get(jti);
	}

	async listTokens(workspaceId: string): Promise<TokenRecord[]> {
		return this.#tokens.list(workspaceId);
	}

	async redeemInvitation(invitationJti: string, device: NewToken): Promise<RedeemResult> {
		return this.#tokens.redeem(invitationJti, device);
	}

	async touchToken(jti: string, at: number): Promise<void> {
		this.#tokens.touch(jti, at);
	}

	/** Operators (npm run relay:room): replaces everything stored for a room with one snapshot,
	 * in one transaction. The relay should not hold the room meanwhile (it is quarantined). */
	async replaceRoom(room: string, snapshot: Uint8Array): Promise<void> {
		const db = this.#db;
		// Immediate: it reads, then writes, beside the writer thread's connection.
		db.transaction(() => {
			const upto =
				db.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM updates').get()
					?.id ?? 0;
			db.prepare('DELETE FROM updates WHERE room = ?').run(room);
			db.prepare(
				`INSERT INTO snapshots (room, data, upto, updated_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (room) DO UPDATE SET data = excluded.data, upto = excluded.upto,
				 updated_at = excluded.updated_at`
			).run(room, snapshot, upto, Date.now());
		}).immediate();
	}

	/** Waits for a running compaction (its write is one transaction either way), then closes. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#writer.close();
		const worker = this.#worker;
		if (worker) {
			const pending = [...this.#jobs.values()];
			await Promise.allSettled(
				pending.map(
					(j) =>
						new Promise<void>((res) => {
							const { resolve, reject } = j;
							j.resolve = (r) => (resolve(r), res());
							j.reject = (e) => (reject(e), res());
						})
				)
			);
			const exited = new Promise<void>((res) => worker.once('exit', () => res()));
			worker.postMessage('close');
			await exited;
		}
		this.#db.close();
	}
}
