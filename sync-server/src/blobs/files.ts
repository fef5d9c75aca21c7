// The embedded blob store: DATA_DIR/blobs/<workspace>/<aa>/<sha256>, one file per blob.
// Files rather than SQLite rows: they are immutable, so an operator can back them up with
// rsync while the relay runs. A blob is written to a temp file through a file handle (every
// failure is a rejected promise, never an unhandled 'error' event), hashed while streaming,
// fsynced, and only renamed into place when the hash matches and it stayed under the caps.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, type FileHandle, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../log.ts';
import {
	isNoSpace,
	type BlobHealth,
	type BlobStore,
	type PutOptions,
	type PutResult
} from './types.ts';

const TMP = '.tmp';

class Refused extends Error {
	constructor(readonly reason: 'too_large' | 'quota_exceeded') {
		super(reason);
	}
}

export class FileBlobStore implements BlobStore {
	readonly root: string;
	readonly maxBytes: number;
	/** Bytes per workspace, counted once from the disk then kept up to date by put/delete. */
	#usage = new Map<string, Promise<number>>();
	/** Bytes of uploads in flight per workspace: two parallel uploads cannot both slip under the quota. */
	#inFlight = new Map<string, number>();
	#health: BlobHealth = { ok: true };

	constructor(root: string, maxBytes: number) {
		this.root = root;
		this.maxBytes = maxBytes;
	}

	path(workspaceId: string, sha256: string): string {
		return join(this.root, workspaceId, sha256.slice(0, 2), sha256);
	}

	/** The temp file an upload is written to (a seam for the disk-failure tests). */
	protected openTemp(path: string): Promise<FileHandle> {
		return open(path, 'wx', 0o600);
	}

	async init(): Promise<void> {
		await mkdir(this.root, { recursive: true });
		// Uploads in flight when the process died never finish: their temp files are garbage.
		const tmp = join(this.root, TMP);
		const stale = await readdir(tmp).catch(() => [] as string[]);
		await rm(tmp, { recursive: true, force: true });
		await mkdir(tmp, { recursive: true });
		if (stale.length > 0) log('blob_tmp_cleaned', { files: stale.length });
	}

	async size(workspaceId: string, sha256: string): Promise<number | null> {
		try {
			return (await stat(this.path(workspaceId, sha256))).size;
		} catch {
			return null;
		}
	}

	async open(workspaceId: string, sha256: string) {
		let fh;
		try {
			fh = await open(this.path(workspaceId, sha256), 'r');
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw err;
		}
		try {
			const { size } = await fh.stat();
			return { size, stream: fh.createReadStream({ autoClose: true }) };
		} catch (err) {
			await fh.close().catch(() => {});
			throw err;
		}
	}

	usage(workspaceId: string): Promise<number> {
		let u = this.#usage.get(workspaceId);
		if (!u) {
			u = this.#count(workspaceId);
			this.#usage.set(workspaceId, u);
			// A failed count is retried next time rather than cached.
			u.catch(() => this.#usage.delete(workspaceId));
		}
		return u;
	}

	async #count(workspaceId: string): Promise<number> {
		const dir = join(this.root, workspaceId);
		const buckets = await readdir(dir).catch(() => [] as string[]);
		let total = 0;
		for (const b of buckets) {
			for (const f of await readdir(join(dir, b)).catch(() => [] as string[])) {
				total += (await stat(join(dir, b, f)).catch(() => ({ size: 0 }))).size;
			}
		}
		return total;
	}

	#addUsage(workspaceId: string, delta: number): void {
		const u = this.#usage.get(workspaceId);
		if (u)
			this.#usage.set(
				workspaceId,
				u.then((n) => Math.max(0, n + delta))
			);
	}

	async put(
		workspaceId: string,
		sha256: string,
		body: AsyncIterable<Uint8Array>,
		opts: PutOptions
	): Promise<PutResult> {
		if ((await this.size(workspaceId, sha256)) !== null) return { ok: true, created: false };
		let used: number;
		try {
			used = await this.usage(workspaceId);
		} catch {
			return this.#failed(new Error('usage unavailable'));
		}
		const tmp = join(this.root, TMP, randomBytes(12).toString('hex'));
		const hash = createHash('sha256');
		let size = 0;
		let fh: FileHandle | undefined;
		let failure: unknown = null;
		try {
			fh = await this.openTemp(tmp);
		} catch (err) {
			failure = err;
		}
		try {
			try {
				for await (const chunk of body) {
					// After a disk failure the rest of the body is read and dropped, so the
					// client gets the answer instead of a reset connection.
					if (failure !== null) continue;
					size += chunk.length;
					this.#inFlight.set(workspaceId, (this.#inFlight.get(workspaceId) ?? 0) + chunk.length);
					if (size > this.maxBytes) throw new Refused('too_large');
					if (used + (this.#inFlight.get(workspaceId) ?? 0) > opts.quotaBytes) {
						throw new Refused('quota_exceeded');
					}
					hash.update(chunk);
					try {
						await fh!.write(chunk);
					} catch (err) {
						failure = err;
					}
				}
			} catch (err) {
				if (err instanceof Refused) return { ok: false, reason: err.reason };
				return { ok: false, reason: 'aborted' };
			}
			if (failure !== null) return this.#failed(failure);
			if (hash.digest('hex') !== sha256) return { ok: false, reason: 'hash_mismatch' };
			try {
				// fsync before rename: a photo acknowledged as stored must survive a power cut.
				await fh!.sync();
				await fh!.close();
				fh = undefined;
				await mkdir(join(this.root, workspaceId, sha256.slice(0, 2)), { recursive: true });
				await rename(tmp, this.path(workspaceId, sha256));
			} catch (err) {
				return this.#failed(err);
			}
			this.#addUsage(workspaceId, size);
			this.#health = { ok: true };
			return { ok: true, created: true };
		} finally {
			this.#inFlight.set(workspaceId, (this.#inFlight.get(workspaceId) ?? 0) - size);
			if (this.#inFlight.get(workspaceId) === 0) this.#inFlight.delete(workspaceId);
			await fh?.close().catch(() => {});
			await rm(tmp, { force: true }).catch(() => {});
		}
	}

	#failed(err: unknown): PutResult {
		const problem = isNoSpace(err) ? 'no_space' : 'unavailable';
		if (this.#health.ok) {
			log('blob_store_degraded', { problem, code: (err as NodeJS.ErrnoException).code ?? '' });
		}
		this.#health = { ok: false, problem };
		return { ok: false, reason: problem };
	}

	async delete(workspaceId: string, sha256: string): Promise<boolean> {
		const size = await this.size(workspaceId, sha256);
		if (size === null) return false;
		try {
			await unlink(this.path(workspaceId, sha256));
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
			throw err;
		}
		this.#addUsage(workspaceId, -size);
		return true;
	}

	health(): BlobHealth {
		return this.#health;
	}

	async close(): Promise<void> {}
}
