// The blob store contract suite: every BlobStore (files today, a Postgres store for scale-out
// later) runs exactly these tests. Call it from a *.test.ts with a harness.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './types.ts';

export type BlobHarness = {
	/** A fresh, empty store (init() already run), capped at `maxBytes` per blob. */
	create(maxBytes: number): Promise<BlobStore>;
	/**
	 * A store whose disk is full, and a function that frees the space again. The same
	 * harness decides how (a tiny tmpfs, a full database volume, /dev/full…).
	 */
	full(maxBytes: number): Promise<{ store: BlobStore; free(): Promise<void> }>;
	destroy(): Promise<void>;
};

const ws = 'workspace-blobs-1';
const other = 'workspace-blobs-2';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const body = (b: Uint8Array, chunk = 1000): AsyncIterable<Uint8Array> =>
	Readable.from(
		Array.from({ length: Math.ceil(b.length / chunk) }, (_, i) =>
			b.subarray(i * chunk, (i + 1) * chunk)
		)
	);
const open = { quotaBytes: Infinity };

async function readAll(store: BlobStore, w: string, s: string): Promise<Buffer | null> {
	const opened = await store.open(w, s);
	if (!opened) return null;
	const chunks: Buffer[] = [];
	for await (const c of opened.stream) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

export function runBlobContract(name: string, harness: () => BlobHarness): void {
	describe(`blob store contract: ${name}`, () => {
		let h: BlobHarness | null = null;
		const make = (max = 100_000) => (h = harness()).create(max);
		afterEach(async () => {
			await h?.destroy();
			h = null;
		});

		it('[BL1] stores by hash per workspace, reads back, reports size and usage', async () => {
			const store = await make();
			const a = Buffer.from('照片 — a photo, pretend'.repeat(100));
			const r = await store.put(ws, sha(a), body(a), open);
			expect(r).toEqual({ ok: true, created: true });
			expect(await store.size(ws, sha(a))).toBe(a.length);
			expect(await readAll(store, ws, sha(a))).toEqual(a);
			expect(await store.put(ws, sha(a), body(a), open)).toEqual({ ok: true, created: false });
			expect(await store.usage(ws)).toBe(a.length);
			// Another workspace sees nothing of it.
			expect(await store.size(other, sha(a))).toBeNull();
			expect(await store.open(other, sha(a))).toBeNull();
			expect(await store.usage(other)).toBe(0);
		});

		it('[BL2] a wrong hash, an oversized or an aborted body stores nothing', async () => {
			const store = await make(3000);
			const a = Buffer.alloc(2000, 1);
			expect(await store.put(ws, sha(Buffer.from('x')), body(a), open)).toEqual({
				ok: false,
				reason: 'hash_mismatch'
			});
			const big = Buffer.alloc(5000, 2);
			expect(await store.put(ws, sha(big), body(big), open)).toEqual({
				ok: false,
				reason: 'too_large'
			});
			async function* broken() {
				yield a.subarray(0, 1000);
				throw new Error('client went away');
			}
			expect(await store.put(ws, sha(a), broken(), open)).toEqual({ ok: false, reason: 'aborted' });
			expect(await store.size(ws, sha(a))).toBeNull();
			expect(await store.usage(ws)).toBe(0);
		});

		it('[BL3] the workspace quota counts stored blobs, refuses beyond it, frees on delete', async () => {
			const store = await make();
			const a = Buffer.alloc(6000, 3);
			const b = Buffer.alloc(6000, 4);
			const quota = { quotaBytes: 10_000 };
			expect((await store.put(ws, sha(a), body(a), quota)).ok).toBe(true);
			expect(await store.put(ws, sha(b), body(b), quota)).toEqual({
				ok: false,
				reason: 'quota_exceeded'
			});
			// Quotas are per workspace.
			expect((await store.put(other, sha(b), body(b), quota)).ok).toBe(true);
			expect(await store.delete(ws, sha(a))).toBe(true);
			expect(await store.delete(ws, sha(a))).toBe(false);
			expect(await store.usage(ws)).toBe(0);
			expect(await store.open(ws, sha(a))).toBeNull();
			expect((await store.put(ws, sha(b), body(b), quota)).ok).toBe(true);
		});

		it('[BL4] a full disk refuses with no_space, never throws, degrades health until a write succeeds', async () => {
			h = harness();
			const { store, free } = await h.full(2 * 1024 * 1024);
			const a = Buffer.alloc(1536 * 1024, 5);
			expect(await store.put(ws, sha(a), body(a, 64 * 1024), open)).toEqual({
				ok: false,
				reason: 'no_space'
			});
			expect(store.health()).toEqual({ ok: false, problem: 'no_space' });
			expect(await store.size(ws, sha(a))).toBeNull();
			await free();
			const small = Buffer.from('small');
			expect((await store.put(ws, sha(small), body(small), open)).ok).toBe(true);
			expect(store.health()).toEqual({ ok: true });
		});
	});
}
