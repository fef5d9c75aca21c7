// A disk that fills up, for the blob failure tests: a tiny tmpfs when this machine lets us
// mount one (root), otherwise a store whose uploads go to /dev/full (every write: ENOSPC).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore } from '../src/blobs/files.ts';
import { setQuiet } from '../src/log.ts';

setQuiet(true);

class DevFullStore extends FileBlobStore {
	full = true;
	protected override openTemp(path: string): Promise<FileHandle> {
		return this.full ? open('/dev/full', 'w') : super.openTemp(path);
	}
}

export type FullDisk = {
	store: FileBlobStore;
	/** Frees the space: small writes fit again. */
	free(): Promise<void>;
	/** Unmounts and removes everything. */
	destroy(): void;
	kind: 'tmpfs' | '/dev/full';
};

/** A blob store (not yet init()ed) with ~200 KB free: a 1.5 MB photo does not fit. */
export function fullDisk(maxBytes: number): FullDisk {
	const dir = mkdtempSync(join(tmpdir(), 'bangfu-tmpfs-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
	} catch {
		const store = new DevFullStore(join(dir, 'blobs'), maxBytes);
		return {
			store,
			kind: '/dev/full',
			free: async () => void (store.full = false),
			destroy: () => rmSync(dir, { recursive: true, force: true })
		};
	}
	const filler = join(dir, 'filler');
	writeFileSync(filler, Buffer.alloc(800 * 1024));
	return {
		store: new FileBlobStore(join(dir, 'blobs'), maxBytes),
		kind: 'tmpfs',
		free: async () => rmSync(filler, { force: true }),
		destroy: () => {
			execFileSync('umount', [dir]);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
