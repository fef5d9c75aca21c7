// The storage contract suite: every RoomStore/MetaStore implementation (SQLite today, a
// Postgres store for scale-out later) runs exactly these tests. Call it from a *.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MetaStore, RoomStore } from './types.ts';

export type StoreUnderTest = RoomStore & MetaStore;
export type StoreHarness = {
	/** A fresh, empty store. */
	create(): Promise<StoreUnderTest>;
	/** Reopens the same underlying data after close() (simulates a relay restart). */
	reopen(): Promise<StoreUnderTest>;
	/** Removes the data (own temp dir, own schema…). */
	destroy(): Promise<void>;
};

function docFrom(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc;
}

function editsOf(n: number, key = 'k'): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < n; i++) doc.getMap('m').set(`${key}${i}`, i);
	doc.getText('t').insert(0, 'hello');
	doc.getText('t').delete(0, 2);
	return { doc, updates };
}

export function runStoreContract(name: string, harness: () => StoreHarness): void {
	describe(`store contract: ${name}`, () => {
		let h: StoreHarness;
		let store: StoreUnderTest;
		const open = async () => {
			h = harness();
			store = await h.create();
			return store;
		};
		afterEach(async () => {
			await store.close();
			await h.destroy();
		});

		it('[ST1] an unknown room loads as empty', async () => {
			await open();
			expect(await store.load('nobody-here')).toEqual([]);
			expect(await store.logLength('nobody-here')).toBe(0);
		});

		it('[ST2] appended updates load back in order and rebuild the same state', async () => {
			await open();
			const { doc, updates } = editsOf(20);
			await store.append(updates.map((update) => ({ room: 'r1', update })));
			const loaded = await store.load('r1');
			expect(loaded).toHaveLength(updates.length);
			expect(docFrom(loaded).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
			expect(docFrom(loaded).getText('t').toString()).toBe('llo');
			expect(await store.logLength('r1')).toBe(updates.length);
		});

		it('[ST3] rooms are isolated, including a workspace and its shards', async () => {
			await open();
			await store.append([
				{ room: 'ws123456', update: editsOf(1, 'a').updates[0]! },
				{ room: 'ws123456/visits-2026', update: editsOf(1, 'b').updates[0]! }
			]);
			expect(
				docFrom(await store.load('ws123456'))
					.getMap('m')
					.toJSON()
			).toEqual({ a0: 0 });
			expect(
				docFrom(await store.load('ws123456/visits-2026'))
					.getMap('m')
					.toJSON()
			).toEqual({
				b0: 0
			});
		});

		it('[ST4] data survives close and reopen', async () => {
			await open();
			const { doc, updates } = editsOf(5);
			await store.append(updates.map((update) => ({ room: 'r', update })));
			await store.close();
			store = await h.reopen();
			expect(
				docFrom(await store.load('r'))
					.getMap('m')
					.toJSON()
			).toEqual(doc.getMap('m').toJSON());
		});

		it('[ST5] compaction folds the log into one snapshot with the same state', async () => {
			await open();
			const { doc, updates } = editsOf(50);
			await store.append(updates.map((update) => ({ room: 'r', update })));
			const result = await store.compact('r');
			expect(result.merged).toBe(updates.length);
			expect(await store.logLength('r')).toBe(0);
			const loaded = await store.load('r');
			expect(loaded).toHaveLength(1);
			expect(docFrom(loaded).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
			expect((await store.compact('r')).merged).toBe(0);
		});

		it('[ST6] updates appended while compaction runs are never lost', async () => {
			await open();
			const writer = new Y.Doc();
			const updates: Uint8Array[] = [];
			writer.on('update', (u: Uint8Array) => updates.push(u));
			for (let round = 0; round < 5; round++) {
				for (let i = 0; i < 200; i++) writer.getArray('a').push([`${round}:${i}`]);
				await store.append(updates.splice(0).map((update) => ({ room: 'r', update })));
				const compaction = store.compact('r');
				// Keep writing while the compactor works.
				for (let i = 0; i < 50; i++) {
					writer.getArray('a').push([`during ${round}:${i}`]);
					await store.append(updates.splice(0).map((update) => ({ room: 'r', update })));
				}
				await compaction;
			}
			await store.close();
			store = await h.reopen();
			const arr = docFrom(await store.load('r')).getArray('a');
			expect(arr.length).toBe(5 * 250);
			expect(arr.toJSON()).toEqual(writer.getArray('a').toJSON());
		});

		it('[ST9] workspace usage counts the bytes of the workspace and its shards only', async () => {
			await open();
			const a = editsOf(3, 'a').updates;
			const b = editsOf(2, 'b').updates;
			const bytes = (us: Uint8Array[]) => us.reduce((n, u) => n + u.length, 0);
			await store.append([
				...a.map((update) => ({ room: 'ws_12345', update })),
				...b.map((update) => ({ room: 'ws_12345/visits-2026', update })),
				{ room: 'ws_123456', update: a[0]! },
				{ room: 'wsX12345', update: a[0]! }
			]);
			expect(await store.workspaceUsage('ws_12345')).toEqual(
				new Map([
					['ws_12345', bytes(a)],
					['ws_12345/visits-2026', bytes(b)]
				])
			);
			await store.compact('ws_12345');
			const after = await store.workspaceUsage('ws_12345');
			expect(after.get('ws_12345')).toBeGreaterThan(0);
			expect(after.get('ws_12345/visits-2026')).toBe(bytes(b));
			expect(await store.workspaceUsage('nobody-here')).toEqual(new Map());
		});

		it('[ST7] workspaces register once', async () => {
			await open();
			expect(await store.registerWorkspace('ws-abcdef')).toBe(true);
			expect(await store.registerWorkspace('ws-abcdef')).toBe(false);
			expect(await store.workspaceExists('ws-abcdef')).toBe(true);
			expect(await store.workspaceExists('ws-other1')).toBe(false);
		});

		it('[ST8] tokens are recorded, listed and revoked only within their workspace', async () => {
			await open();
			const exp = Math.floor(Date.now() / 1000) + 3600;
			await store.recordToken({
				jti: 'tok-00001',
				workspaceId: 'ws-a12345',
				role: 'editor',
				expiresAt: exp,
				label: 'invite'
			});
			await store.recordToken({
				jti: 'tok-00002',
				workspaceId: 'ws-b12345',
				role: 'viewer',
				expiresAt: exp,
				label: 'invite'
			});
			expect(await store.isRevoked('tok-00001')).toBe(false);
			expect(await store.revokeToken('ws-b12345', 'tok-00001')).toBe('not_found');
			expect(await store.revokeToken('ws-a12345', 'tok-unknown')).toBe('not_found');
			expect(await store.revokeToken('ws-a12345', 'tok-00001')).toBe('revoked');
			expect(await store.isRevoked('tok-00001')).toBe(true);
			expect(await store.isRevoked('tok-00002')).toBe(false);
			const listed = await store.listTokens('ws-a12345');
			expect(listed).toHaveLength(1);
			expect(listed[0]).toMatchObject({ jti: 'tok-00001', role: 'editor', expiresAt: exp });
			expect(listed[0]?.revokedAt).toBeTypeOf('number');
		});
	});
}
