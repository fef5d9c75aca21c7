// Content-addressed blobs (photos, signed scans) under DATA_DIR/blobs/<workspace>/<aa>/<sha256>.
// Files rather than SQLite rows: they are immutable, so an operator can back them up with
// rsync while the relay runs. A blob is written to a temp file, hashed while streaming, and
// only renamed into place when the hash matches and it stayed under the cap.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';

export type PutResult = 'created' | 'exists' | 'too_large' | 'hash_mismatch' | 'aborted';

export class BlobStore {
	readonly root: string;
	readonly maxBytes: number;

	constructor(dataDir: string, maxBytes: number) {
		this.root = join(dataDir, 'blobs');
		this.maxBytes = maxBytes;
	}

	path(workspaceId: string, sha256: string): string {
		return join(this.root, workspaceId, sha256.slice(0, 2), sha256);
	}

	async size(workspaceId: string, sha256: string): Promise<number | null> {
		try {
			return (await stat(this.path(workspaceId, sha256))).size;
		} catch {
			return null;
		}
	}

	read(workspaceId: string, sha256: string) {
		return createReadStream(this.path(workspaceId, sha256));
	}

	async put(workspaceId: string, sha256: string, body: IncomingMessage): Promise<PutResult> {
		if ((await this.size(workspaceId, sha256)) !== null) {
			body.resume();
			return 'exists';
		}
		const tmpDir = join(this.root, '.tmp');
		await mkdir(tmpDir, { recursive: true });
		const tmp = join(tmpDir, randomBytes(12).toString('hex'));
		const hash = createHash('sha256');
		const out = createWriteStream(tmp, { mode: 0o600 });
		let size = 0;
		let outcome: PutResult | null = null;
		try {
			for await (const chunk of body as AsyncIterable<Buffer>) {
				size += chunk.length;
				if (size > this.maxBytes) {
					outcome = 'too_large';
					break;
				}
				hash.update(chunk);
				if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
			}
		} catch {
			outcome = 'aborted';
		}
		await new Promise<void>((resolve, reject) =>
			out.end((err?: Error | null) => (err ? reject(err) : resolve()))
		);
		if (outcome === null && hash.digest('hex') !== sha256) outcome = 'hash_mismatch';
		if (outcome !== null) {
			await rm(tmp, { force: true });
			return outcome;
		}
		// fsync before rename: a photo acknowledged as stored must survive a power cut.
		const fh = await open(tmp, 'r');
		await fh.sync();
		await fh.close();
		const target = this.path(workspaceId, sha256);
		await mkdir(join(this.root, workspaceId, sha256.slice(0, 2)), { recursive: true });
		await rename(tmp, target);
		return 'created';
	}
}
