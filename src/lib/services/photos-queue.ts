// The device's photo upload queue: every blob taken on this device stays in Dexie as
// `pending` until the relay answers that it holds it (201 stored / 200 already there); only
// then is it marked `uploaded` (it is never deleted here). Failures back off exponentially
// with jitter, so a relay coming back is not hit by every phone at once; a refusal the relay
// will repeat (413 too large, 422 hash mismatch) is marked `refused` and kept. Framework-free.
import type { BangfuDb, BlobRow } from '$lib/local/db';

export interface RelayTarget {
	/** http(s)://host of the relay. */
	base: string;
	token: string;
}

export interface PhotoCounts {
	waiting: number;
	refused: number;
}

export interface UploaderOptions {
	fetch?: typeof fetch;
	random?: () => number;
	now?: () => number;
}

/** First retry after about this long, doubling per failure, never more than MAX_DELAY_MS. */
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

/** The delay before retry `attempts` (1-based): exponential, ×0.5–1.5 jitter. */
export function retryDelay(attempts: number, random: () => number): number {
	const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
	return Math.round(exp * (0.5 + random()));
}

export function blobUrl(target: RelayTarget, workspaceId: string, sha256: string): string {
	return `${target.base}/api/workspaces/${encodeURIComponent(workspaceId)}/blobs/${sha256}`;
}

export class PhotoUploader {
	readonly #db: BangfuDb;
	readonly #workspaceId: string;
	readonly #target: () => RelayTarget | undefined;
	readonly #fetch: typeof fetch;
	readonly #random: () => number;
	readonly #now: () => number;
	readonly #listeners = new Set<(counts: PhotoCounts) => void>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<void> | undefined;
	#stopped = false;

	constructor(
		db: BangfuDb,
		workspaceId: string,
		target: () => RelayTarget | undefined,
		opts: UploaderOptions = {}
	) {
		this.#db = db;
		this.#workspaceId = workspaceId;
		this.#target = target;
		this.#fetch = opts.fetch ?? ((...a) => fetch(...a));
		this.#random = opts.random ?? Math.random;
		this.#now = opts.now ?? Date.now;
	}

	/** Photos of this workspace only on this device: waiting for the relay, or refused by it. */
	async counts(): Promise<PhotoCounts> {
		const [waiting, refused] = await Promise.all([
			this.#db.blobs.where({ workspaceId: this.#workspaceId, state: 'pending' }).count(),
			this.#db.blobs.where({ workspaceId: this.#workspaceId, state: 'refused' }).count()
		]);
		return { waiting, refused };
	}

	subscribe(fn: (counts: PhotoCounts) => void): () => void {
		this.#listeners.add(fn);
		void this.#publish();
		return () => void this.#listeners.delete(fn);
	}

	/** Uploads whatever is due now, then schedules the next attempt; safe to call any time. */
	kick(): Promise<void> {
		if (this.#stopped) return Promise.resolve();
		this.#running ??= this.#run().finally(() => (this.#running = undefined));
		return this.#running;
	}

	/** The network came back: retry at once, whatever the backoff said. */
	async online(): Promise<void> {
		await this.#db.blobs
			.where({ workspaceId: this.#workspaceId, state: 'pending' })
			.modify({ nextAttemptAt: 0 });
		await this.kick();
	}

	stop() {
		this.#stopped = true;
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#listeners.clear();
	}

	async #run(): Promise<void> {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		const target = this.#target();
		const rows = await this.#db.blobs
			.where({ workspaceId: this.#workspaceId, state: 'pending' })
			.toArray();
		let next = Infinity;
		if (target) {
			for (const row of rows) {
				if (this.#stopped) return;
				if (row.nextAttemptAt > this.#now()) {
					next = Math.min(next, row.nextAttemptAt);
					continue;
				}
				const retryAt = await this.#upload(target, row);
				if (retryAt !== undefined) next = Math.min(next, retryAt);
			}
		}
		await this.#publish();
		if (next !== Infinity && !this.#stopped)
			this.#timer = setTimeout(() => void this.kick(), Math.max(0, next - this.#now()));
	}

	/** One PUT; returns when to retry, or undefined when the row is settled. */
	async #upload(target: RelayTarget, row: BlobRow): Promise<number | undefined> {
		let status = 0;
		let code: string | undefined;
		try {
			const res = await this.#fetch(blobUrl(target, this.#workspaceId, row.sha256), {
				method: 'PUT',
				headers: { authorization: `Bearer ${target.token}`, 'content-type': row.type },
				body: row.data
			});
			status = res.status;
			if (!res.ok) code = await errorCode(res);
		} catch {
			// offline, DNS, reset: status stays 0, tried again later
		}
		if (status === 200 || status === 201) {
			await this.#db.blobs.update(row.sha256, { state: 'uploaded', uploaded: true });
			return undefined;
		}
		if (status === 413 || status === 422) {
			await this.#db.blobs.update(row.sha256, { state: 'refused', error: code ?? String(status) });
			return undefined;
		}
		const attempts = row.attempts + 1;
		const at = this.#now() + retryDelay(attempts, this.#random);
		await this.#db.blobs.update(row.sha256, {
			attempts,
			nextAttemptAt: at,
			...(code ? { error: code } : {})
		});
		return at;
	}

	async #publish() {
		if (this.#listeners.size === 0) return;
		const counts = await this.counts();
		for (const fn of this.#listeners) fn(counts);
	}
}

async function errorCode(res: Response): Promise<string | undefined> {
	try {
		const body: unknown = await res.json();
		const code =
			typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
		return typeof code === 'string' ? code : undefined;
	} catch {
		return undefined;
	}
}
