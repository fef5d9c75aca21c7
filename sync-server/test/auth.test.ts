import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '#protocol';
import {
	client,
	closed,
	rawSocket,
	tearDown,
	sleep,
	startRelay,
	waitFor,
	WS,
	type TestRelay
} from './helpers.ts';

let relay: TestRelay | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
	await tearDown(relay, cleanups);
	relay = null;
});

async function api(path: string, init: RequestInit & { token?: string } = {}) {
	const headers = new Headers(init.headers);
	if (init.token) headers.set('authorization', `Bearer ${init.token}`);
	const res = await fetch(relay!.http + path, { ...init, headers });
	const text = await res.text();
	let json: Record<string, unknown> = {};
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		/* binary body */
	}
	return { status: res.status, json, text };
}

describe('auth on the WebSocket upgrade', () => {
	it('refuses no token, garbage, forged, expired, revoked (401) and another workspace (403)', async () => {
		relay = await startRelay();
		const url = (token?: string, room = WS) =>
			`${relay!.ws}/${room}${token ? `?token=${token}` : ''}`;
		expect(await rawSocket(url())).toMatchObject({ status: 401 });
		expect(await rawSocket(url('not-a-jwt'))).toMatchObject({ status: 401 });
		const forged = await new SignJWT({ ws: WS, role: 'owner' })
			.setProtectedHeader({ alg: 'HS256' })
			.setIssuer('bangfu-relay')
			.setJti('forged-token-1')
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode('some other secret'));
		expect(await rawSocket(url(forged))).toMatchObject({ status: 401 });
		const expired = await new SignJWT({ ws: WS, role: 'owner' })
			.setProtectedHeader({ alg: 'HS256' })
			.setIssuer('bangfu-relay')
			.setJti('expired-tok-1')
			.setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
			.sign(relay.config.secret);
		const exp = await rawSocket(url(expired));
		expect(exp).toMatchObject({ status: 401 });
		expect('body' in exp && exp.body).toContain('token_expired');
		const owner = await relay.token('owner');
		const editor = await relay.token('editor');
		const jti = JSON.parse(Buffer.from(editor.split('.')[1]!, 'base64url').toString())
			.jti as string;
		expect(
			(await api(`/api/workspaces/${WS}/tokens/${jti}`, { method: 'DELETE', token: owner })).status
		).toBe(200);
		const rev = await rawSocket(url(editor));
		expect(rev).toMatchObject({ status: 401 });
		expect('body' in rev && rev.body).toContain('token_revoked');
		const other = await relay.token('owner', 'another-workspace');
		expect(await rawSocket(url(other))).toMatchObject({ status: 403 });
		// A token for W opens W's shards, never a look-alike prefix.
		expect(await rawSocket(url(owner, `${WS}x`))).toMatchObject({ status: 403 });
		expect(await rawSocket(url(owner, `${WS}/BAD_SHARD`))).toMatchObject({ status: 404 });
		const ok = await rawSocket(url(owner, `${WS}/visits-2026`));
		expect('ws' in ok).toBe(true);
		if ('ws' in ok) ok.ws.close();
	});

	it('revoking a token closes its live connections at once, with 4401, and the stock client stops', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const editor = await relay.token('editor');
		const c = client(relay.ws, WS, editor);
		cleanups.push(c.destroy);
		await waitFor(() => c.provider.synced);
		const stopped = new Promise<number>((r) =>
			c.provider.on('closed', (e: { code: number }) => r(e.code))
		);
		const jti = JSON.parse(Buffer.from(editor.split('.')[1]!, 'base64url').toString())
			.jti as string;
		const res = await api(`/api/workspaces/${WS}/tokens/${jti}`, {
			method: 'DELETE',
			token: owner
		});
		expect(res.json).toMatchObject({ revoked: true, closedConnections: 1 });
		expect(await stopped).toBe(CloseCode.unauthorised);
		expect(c.provider.shouldConnect).toBe(false);
	});

	it('a viewer receives everything but its writes are never applied, stored or relayed', async () => {
		relay = await startRelay();
		const editor = client(relay.ws, WS, await relay.token('editor'));
		const viewer = client(relay.ws, WS, await relay.token('viewer'));
		const witness = client(relay.ws, WS, await relay.token('editor'));
		cleanups.push(editor.destroy, viewer.destroy, witness.destroy);
		await waitFor(
			() => editor.provider.synced && viewer.provider.synced && witness.provider.synced
		);
		viewer.doc.getMap('m').set('viewer', 'was here');
		editor.doc.getMap('m').set('editor', 'wrote');
		await waitFor(() => viewer.doc.getMap('m').get('editor') === 'wrote', 5000, 'viewer receives');
		await waitFor(() => witness.doc.getMap('m').get('editor') === 'wrote');
		await sleep(200);
		expect(witness.doc.getMap('m').has('viewer')).toBe(false);
		expect(relay.relay.rooms.rooms().next().value?.doc.getMap('m').has('viewer')).toBe(false);
		const stored = await relay.relay.store.load(WS);
		expect(stored).toHaveLength(1);
		// Still connected: ignoring is silent, the viewer keeps reading.
		expect(viewer.provider.wsconnected).toBe(true);
		const metric = await relay.relay.metrics.registry.getSingleMetricAsString(
			'bangfu_rejected_messages_total'
		);
		expect(metric).toMatch(/reason="viewer_write"} [1-9]/);
	});
});

describe('HTTP API', () => {
	it('registers a workspace (open), refuses duplicates, and refuses when closed', async () => {
		relay = await startRelay();
		const reg = await api('/api/workspaces', {
			method: 'POST',
			body: JSON.stringify({ id: 'school-ws-001' })
		});
		expect(reg.status).toBe(201);
		expect(reg.json).toMatchObject({ workspaceId: 'school-ws-001', role: 'owner' });
		const session = await api('/api/workspaces/school-ws-001/session', {
			token: reg.json.token as string
		});
		expect(session.json).toMatchObject({ role: 'owner', workspaceId: 'school-ws-001' });
		expect(
			(await api('/api/workspaces', { method: 'POST', body: '{"id":"school-ws-001"}' })).json.error
		).toBe('workspace_exists');
		expect((await api('/api/workspaces', { method: 'POST', body: '{"id":"no"}' })).status).toBe(
			400
		);
		const generated = await api('/api/workspaces', { method: 'POST' });
		expect(generated.status).toBe(201);
		await relay.close();
		const dir = relay.config.dataDir;
		relay = await startRelay({ RELAY_REGISTRATION: 'closed' }, dir);
		const refused = await api('/api/workspaces', { method: 'POST' });
		expect(refused).toMatchObject({ status: 403, json: { error: 'registration_closed' } });
	});

	it('owner mints invites with the token in the fragment; editors get 403 on owner-only routes', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const editor = await relay.token('editor');
		const inv = await api(`/api/workspaces/${WS}/invites`, {
			method: 'POST',
			token: owner,
			body: '{"role":"viewer","ttl":"7d"}'
		});
		expect(inv.status).toBe(201);
		const joinUrl = new URL(inv.json.joinUrl as string);
		expect(joinUrl.search).toBe('');
		expect(new URLSearchParams(joinUrl.hash.slice(1)).get('token')).toBe(inv.json.token);
		expect(inv.json.role).toBe('viewer');
		expect(
			(
				await api(`/api/workspaces/${WS}/invites`, {
					method: 'POST',
					token: owner,
					body: '{"role":"owner"}'
				})
			).status
		).toBe(400);
		const jti = inv.json.tokenId as string;
		for (const [method, path, body] of [
			['POST', `/api/workspaces/${WS}/invites`, '{"role":"editor"}'],
			['DELETE', `/api/workspaces/${WS}/tokens/${jti}`, undefined],
			['GET', `/api/workspaces/${WS}/tokens`, undefined]
		] as const) {
			const r = await api(path, { method, token: editor, body });
			expect(r.status, `${method} ${path}`).toBe(403);
			expect(r.json.error).toBe('forbidden');
		}
		expect((await api(`/api/workspaces/${WS}/tokens`, { token: owner })).json.tokens).toHaveLength(
			3
		);
		expect(
			(await api(`/api/workspaces/${WS}/invites`, { method: 'POST', body: '{"role":"editor"}' }))
				.status
		).toBe(401);
		expect(
			(
				await api(`/api/workspaces/other-workspace/invites`, {
					method: 'POST',
					token: owner,
					body: '{"role":"editor"}'
				})
			).status
		).toBe(403);
		expect(
			(await api(`/api/workspaces/${WS}/tokens/unknown-token`, { method: 'DELETE', token: owner }))
				.status
		).toBe(404);
		expect((await api('/api/nothing')).json.error).toBe('not_found');
		expect((await api('/healthz')).json.ok).toBe(true);
		expect((await api('/metrics')).text).toContain('bangfu_connections');
	});

	it('blobs: content-addressed, viewers read, wrong hash or over the cap stores nothing', async () => {
		relay = await startRelay({ MAX_BLOB_BYTES: '1000' });
		const editor = await relay.token('editor');
		const viewer = await relay.token('viewer');
		const body = Buffer.from('a signed scan, pretend');
		const sha = createHash('sha256').update(body).digest('hex');
		const path = `/api/workspaces/${WS}/blobs/${sha}`;
		expect((await api(path, { method: 'PUT', token: viewer, body })).status).toBe(403);
		expect((await api(path, { method: 'PUT', token: editor, body })).status).toBe(201);
		expect((await api(path, { method: 'PUT', token: editor, body })).status).toBe(200);
		const got = await api(path, { token: viewer });
		expect(got).toMatchObject({ status: 200, text: body.toString() });
		expect((await api(path)).status).toBe(401);
		const wrong = createHash('sha256').update('other').digest('hex');
		const mismatch = await api(`/api/workspaces/${WS}/blobs/${wrong}`, {
			method: 'PUT',
			token: editor,
			body
		});
		expect(mismatch).toMatchObject({ status: 422, json: { error: 'hash_mismatch' } });
		const big = Buffer.alloc(5000, 7);
		const bigSha = createHash('sha256').update(big).digest('hex');
		const tooBig = await api(`/api/workspaces/${WS}/blobs/${bigSha}`, {
			method: 'PUT',
			token: editor,
			body: big
		});
		expect(tooBig).toMatchObject({ status: 413, json: { error: 'too_large' } });
		// Streamed without a length header, the cap is enforced while reading.
		const chunked = new ReadableStream({
			start(c) {
				for (let i = 0; i < 5; i++) c.enqueue(big.subarray(i * 1000, (i + 1) * 1000));
				c.close();
			}
		});
		const streamed = await fetch(relay.http + `/api/workspaces/${WS}/blobs/${bigSha}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${editor}` },
			body: chunked,
			duplex: 'half'
		} as RequestInit).catch(() => null);
		if (streamed) expect(streamed.status).toBe(413);
		expect((await api(`/api/workspaces/${WS}/blobs/${wrong}`, { token: viewer })).status).toBe(404);
		expect((await api(`/api/workspaces/${WS}/blobs/${bigSha}`, { token: viewer })).status).toBe(
			404
		);
		const root = join(relay.config.dataDir, 'blobs');
		expect(existsSync(join(root, WS, wrong.slice(0, 2), wrong))).toBe(false);
		expect(existsSync(join(root, WS, bigSha.slice(0, 2), bigSha))).toBe(false);
		expect(readdirSync(join(root, '.tmp'))).toEqual([]);
		expect((await api(`/api/workspaces/${WS}/blobs/NOTAHASH`, { token: viewer })).status).toBe(400);
	});
});

describe('expiry while connected', () => {
	it('closes with 4401 when a token expires', async () => {
		relay = await startRelay();
		const ok = await rawSocket(`${relay.ws}/${WS}?token=${await relay.token('editor', WS, '2s')}`);
		if (!('ws' in ok)) throw new Error('refused');
		const done = closed(ok.ws);
		// The sweep runs every 30 s in production; call it directly here.
		await sleep(2100);
		relay.relay.sync.sweep();
		expect((await done).code).toBe(CloseCode.unauthorised);
	});
});
