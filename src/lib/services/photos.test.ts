import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BangfuDb } from '$lib/local/db';
import { startRelay, WS, type TestRelay } from '../../../sync-server/test/helpers';
import { loadPhoto, sha256Hex, storeBlob } from './photos';
import { PhotoUploader, retryDelay } from './photos-queue';

/**
 * [F3] Photos leave the phone that took them: the queue against the real relay's blob API,
 * the device's Dexie tables (fake-indexeddb in node, the same Dexie code as in the browser).
 */

const relays: TestRelay[] = [];
const dbs: BangfuDb[] = [];
let n = 0;

afterEach(async () => {
	for (const db of dbs.splice(0)) db.close();
	for (const r of relays.splice(0)) await r.close();
});

function newDb() {
	const db = new BangfuDb(`photos-test-${process.pid}-${++n}`);
	dbs.push(db);
	return db;
}

function photo(seed: number, size = 5_000): Blob {
	const bytes = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
	return new Blob([bytes], { type: 'image/jpeg' });
}

describe('[F3] photo upload queue', () => {
	it('uploads a pending photo, keeps it on the device, and another member fetches and caches it', async () => {
		const relay = await startRelay();
		relays.push(relay);
		const target = { base: relay.http, token: await relay.token('editor') };
		const a = newDb();
		const ref = await storeBlob(a, WS, photo(1));
		await storeBlob(a, WS, photo(1)); // the same photo twice is one photo
		expect(await a.blobs.count()).toBe(1);
		const up = new PhotoUploader(a, WS, () => target);
		expect(await up.counts()).toEqual({ waiting: 1, refused: 0 });
		await up.kick();
		expect(await up.counts()).toEqual({ waiting: 0, refused: 0 });
		const row = await a.blobs.get(ref.sha256);
		expect(row?.state).toBe('uploaded');
		expect(row?.size).toBe(5_000); // still on the device

		const b = newDb();
		const viewer = { base: relay.http, token: await relay.token('viewer') };
		const loaded = await loadPhoto(b, WS, ref.sha256, viewer);
		expect(loaded.ok && (await sha256Hex(await loaded.blob.arrayBuffer()))).toBe(ref.sha256);
		// Cached: shown again with no relay at all.
		const offline = await loadPhoto(b, WS, ref.sha256, undefined);
		expect(offline.ok && offline.state).toBe('remote');
		up.stop();
	});

	it('keeps a photo pending while the relay is unreachable, retries with jitter, then uploads', async () => {
		const relay = await startRelay();
		relays.push(relay);
		const good = { base: relay.http, token: await relay.token('editor') };
		let target = { base: 'http://127.0.0.1:9', token: good.token }; // nothing listens there
		let now = 1_000_000;
		const db = newDb();
		const ref = await storeBlob(db, WS, photo(2));
		const up = new PhotoUploader(db, WS, () => target, { now: () => now, random: () => 0.9 });
		await up.kick();
		const row = await db.blobs.get(ref.sha256);
		expect(row?.state).toBe('pending');
		expect(row?.attempts).toBe(1);
		expect(row?.nextAttemptAt).toBe(now + retryDelay(1, () => 0.9));
		target = good;
		now += 100; // not due yet: nothing is sent
		await up.kick();
		expect((await db.blobs.get(ref.sha256))?.state).toBe('pending');
		await up.online(); // the network came back: at once
		expect((await db.blobs.get(ref.sha256))?.state).toBe('uploaded');
		up.stop();
	});

	it('marks a photo the relay will never take as refused and keeps it', async () => {
		const relay = await startRelay({ MAX_BLOB_BYTES: '1000' });
		relays.push(relay);
		const db = newDb();
		const ref = await storeBlob(db, WS, photo(3, 4_000));
		const up = new PhotoUploader(db, WS, () => ({ base: relay.http, token: 'x' }));
		await up.kick(); // a bad token is a retry, not a refusal
		expect((await db.blobs.get(ref.sha256))?.state).toBe('pending');
		const token = await relay.token('editor');
		const up2 = new PhotoUploader(db, WS, () => ({ base: relay.http, token }));
		await up2.online();
		const row = await db.blobs.get(ref.sha256);
		expect([row?.state, row?.error]).toEqual(['refused', 'too_large']);
		expect(await up2.counts()).toEqual({ waiting: 0, refused: 1 });
		up.stop();
		up2.stop();
	});

	it('retry delays grow, are capped, and are jittered', () => {
		expect(retryDelay(1, () => 0)).toBe(1_000);
		expect(retryDelay(1, () => 1)).toBe(3_000);
		expect(retryDelay(3, () => 0.5)).toBe(8_000);
		expect(retryDelay(50, () => 0.5)).toBe(300_000);
	});
});

describe('[F3] device schema upgrade', () => {
	it('keeps photos stored by version 2 and gives them a queue state', async () => {
		const name = `photos-upgrade-${process.pid}`;
		const old = new Dexie(name);
		old.version(1).stores({
			workspaces: 'id, lastOpenedAt',
			device: 'key',
			blobs: 'sha256, workspaceId, uploaded'
		});
		old.version(2).stores({ listIndex: 'key, workspaceId' });
		await old.open();
		await old.table('blobs').bulkPut([
			{
				sha256: 'a'.repeat(64),
				workspaceId: WS,
				type: 'image/jpeg',
				size: 3,
				data: photo(4, 3),
				uploaded: false,
				createdAt: '2026-01-01'
			},
			{
				sha256: 'b'.repeat(64),
				workspaceId: WS,
				type: 'image/jpeg',
				size: 3,
				data: photo(5, 3),
				uploaded: true,
				createdAt: '2026-01-01'
			}
		]);
		old.close();
		const db = new BangfuDb(name);
		dbs.push(db);
		expect((await db.blobs.get('a'.repeat(64)))?.state).toBe('pending');
		expect((await db.blobs.get('b'.repeat(64)))?.state).toBe('uploaded');
		expect(await new PhotoUploader(db, WS, () => undefined).counts()).toEqual({
			waiting: 1,
			refused: 0
		});
	});
});
