import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { fullDisk, type FullDisk } from '../../test/disk.ts';
import { runBlobContract } from './contract.ts';
import { FileBlobStore } from './files.ts';

runBlobContract('files', () => {
	const dirs: string[] = [];
	const disks: FullDisk[] = [];
	return {
		async create(maxBytes) {
			const dir = mkdtempSync(join(tmpdir(), 'bangfu-blobs-'));
			dirs.push(dir);
			const store = new FileBlobStore(join(dir, 'blobs'), maxBytes);
			await store.init();
			return store;
		},
		async full(maxBytes) {
			const disk = fullDisk(maxBytes);
			disks.push(disk);
			await disk.store.init();
			return { store: disk.store, free: disk.free };
		},
		async destroy() {
			for (const d of disks.splice(0)) d.destroy();
			for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
		}
	};
});

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('[BL5] init removes temp uploads a crash left behind and keeps stored blobs', async () => {
	dir = mkdtempSync(join(tmpdir(), 'bangfu-blobs-'));
	const root = join(dir, 'blobs');
	mkdirSync(join(root, '.tmp'), { recursive: true });
	writeFileSync(join(root, '.tmp', 'half-written-upload'), Buffer.alloc(1000));
	mkdirSync(join(root, 'ws-aaaaaaaa', 'ab'), { recursive: true });
	writeFileSync(join(root, 'ws-aaaaaaaa', 'ab', 'ab' + '0'.repeat(62)), 'kept');
	const store = new FileBlobStore(root, 1000);
	await store.init();
	expect(readdirSync(join(root, '.tmp'))).toEqual([]);
	expect(await store.usage('ws-aaaaaaaa')).toBe(4);
});
