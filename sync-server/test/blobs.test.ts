// Issue 10 #1 and #5: blob failures answer one request and never take the process down; a
// per-workspace blob quota with the owner's DELETE.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fullDisk, type FullDisk } from './disk.ts';
import { api, startRelay, tearDown, WS, type TestRelay } from './helpers.ts';

let relay: TestRelay | null = null;
let disk: FullDisk | null = null;
afterEach(async () => {
	await tearDown(relay, []);
	relay = null;
	disk?.destroy();
	disk = null;
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const blobPath = (s: string) => `/api/workspaces/${WS}/blobs/${s}`;

describe('blobs on a failing disk', () => {
	it('[BL-HTTP1] a full disk answers 507 JSON, /healthz degraded, the relay lives and recovers', async () => {
		disk = fullDisk(4 * 1024 * 1024);
		relay = await startRelay({}, undefined, { blobs: disk.store });
		const editor = await relay.token('editor');
		const photo = Buffer.alloc(1536 * 1024, 9);
		const put = await api(relay.http, blobPath(sha(photo)), {
			method: 'PUT',
			token: editor,
			body: photo
		});
		expect(put).toMatchObject({ status: 507, json: { error: 'insufficient_storage' } });
		const health = await api(relay.http, '/healthz');
		expect(health).toMatchObject({
			status: 503,
			json: { ok: false, status: 'degraded', problems: ['blobs: no_space'] }
		});
		await disk.free();
		const small = Buffer.from('签名扫描件');
		const ok = await api(relay.http, blobPath(sha(small)), {
			method: 'PUT',
			token: editor,
			body: small
		});
		expect(ok.status).toBe(201);
		expect((await api(relay.http, '/healthz')).json).toMatchObject({ ok: true, status: 'ok' });
	});

	it('[BL-HTTP2] a read that fails mid-stream cuts that response only', async () => {
		relay = await startRelay();
		const viewer = await relay.token('viewer');
		// A directory where the blob should be: open() succeeds, the read fails with EISDIR.
		const s = sha(Buffer.from('gone'));
		mkdirSync(join(relay.config.dataDir, 'blobs', WS, s.slice(0, 2), s), { recursive: true });
		const got = await api(relay.http, blobPath(s), { token: viewer }).catch((e: Error) => e);
		expect(got).toBeInstanceOf(Error);
		expect((await api(relay.http, '/healthz')).status).toBe(200);
	});
});

describe('blob quota per workspace', () => {
	it('[BL-HTTP3] refuses beyond BLOB_QUOTA_BYTES; the owner deletes, editors cannot', async () => {
		relay = await startRelay({ BLOB_QUOTA_BYTES: '10000' });
		const owner = await relay.token('owner');
		const editor = await relay.token('editor');
		const a = new Uint8Array(6000).fill(1);
		const b = new Uint8Array(6000).fill(2);
		const put = (body: Uint8Array<ArrayBuffer>) =>
			api(relay!.http, blobPath(sha(body)), { method: 'PUT', token: editor, body });
		expect((await put(a)).status).toBe(201);
		expect(await put(b)).toMatchObject({ status: 507, json: { error: 'quota_exceeded' } });
		const del = (token: string) => api(relay!.http, blobPath(sha(a)), { method: 'DELETE', token });
		expect((await del(editor)).status).toBe(403);
		expect(await del(owner)).toMatchObject({ status: 200, json: { deleted: true } });
		expect((await del(owner)).status).toBe(404);
		expect((await api(relay.http, blobPath(sha(a)), { token: editor })).status).toBe(404);
		expect((await put(b)).status).toBe(201);
	});
});
