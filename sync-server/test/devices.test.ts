// Issue 9 #4: one invitation admits many devices, each with its own token; the invitation
// opens no socket; the owner lists and revokes devices one by one or by invitation.
import { SignJWT } from 'jose';
import { nanoid } from 'nanoid';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/sync/protocol.ts';
import {
	api,
	closed,
	rawSocket,
	startRelay,
	tearDown,
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

type Json = Record<string, unknown>;

async function invitation(owner: string, body: Json = { role: 'editor' }) {
	const r = await api(relay!.http, `/api/workspaces/${WS}/invites`, {
		method: 'POST',
		token: owner,
		body: JSON.stringify(body)
	});
	expect(r.status).toBe(201);
	return r.json as { token: string; tokenId: string; kind: string };
}

function redeem(invite: string, name: string, deviceId?: string) {
	return api(relay!.http, `/api/workspaces/${WS}/devices`, {
		method: 'POST',
		token: invite,
		body: JSON.stringify(deviceId ? { name, deviceId } : { name })
	});
}

async function device(invite: string, name: string, deviceId?: string) {
	const r = await redeem(invite, name, deviceId);
	expect(r.status).toBe(201);
	return r.json as { token: string; tokenId: string; role: string; kind: string };
}

async function socket(token: string, room = WS) {
	const r = await rawSocket(`${relay!.ws}/${room}?token=${token}`);
	if (!('ws' in r)) return r.status;
	cleanups.push(() => r.ws.terminate());
	return r.ws;
}

describe('invitations and devices', () => {
	it('[DEV1] one invitation admits 30 devices, each its own token; the invitation opens no socket', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const inv = await invitation(owner, { role: 'viewer', label: '教职工大会' });
		expect(inv.kind).toBe('invitation');
		expect(await socket(inv.token)).toBe(401);
		const blob = await api(relay.http, `/api/workspaces/${WS}/blobs/${'0'.repeat(64)}`, {
			token: inv.token
		});
		expect(blob).toMatchObject({ status: 401, json: { error: 'invitation_token' } });
		const devices = [];
		for (let i = 0; i < 30; i++) devices.push(await device(inv.token, `老师${i + 1}的手机`));
		expect(new Set(devices.map((d) => d.tokenId)).size).toBe(30);
		expect(devices.every((d) => d.role === 'viewer' && d.kind === 'device')).toBe(true);
		// Each device has the whole per-token connection allowance of its own.
		for (const d of devices.slice(0, 5)) expect(await socket(d.token)).not.toBeTypeOf('number');
		// A device token is not an invitation.
		expect(await redeem(devices[0]!.token, 'x')).toMatchObject({
			status: 409,
			json: { error: 'not_an_invitation' }
		});
	});

	it('[DEV2] maxUses bounds devices; the same device joining again replaces its token', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const inv = await invitation(owner, { role: 'editor', maxUses: 2 });
		const phone = nanoid();
		const first = await device(inv.token, '张老师', phone);
		const again = await device(inv.token, '张老师', phone);
		expect(again.tokenId).not.toBe(first.tokenId);
		expect(await socket(first.token)).toBe(401);
		await device(inv.token, '李老师');
		expect(await redeem(inv.token, '王老师')).toMatchObject({
			status: 409,
			json: { error: 'invitation_used_up' }
		});
		expect((await redeem(inv.token, '')).status).toBe(400);
		const tooLong = await api(relay.http, `/api/workspaces/${WS}/invites`, {
			method: 'POST',
			token: owner,
			body: JSON.stringify({ role: 'editor', maxUses: 0 })
		});
		expect(tooLong.status).toBe(400);
	});

	it('[DEV3] the owner sees invitations and devices: name, role, uses, last seen, who admitted whom', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const inv = await invitation(owner, { role: 'editor', label: '三年级', maxUses: 40 });
		const d = await device(inv.token, '王老师的手机');
		expect(await socket(d.token)).not.toBeTypeOf('number');
		const list = await api(relay.http, `/api/workspaces/${WS}/tokens`, { token: owner });
		const tokens = list.json.tokens as Json[];
		expect(tokens.find((t) => t.jti === inv.tokenId)).toMatchObject({
			kind: 'invitation',
			role: 'editor',
			label: '三年级',
			maxUses: 40,
			uses: 1,
			revokedAt: null
		});
		const listed = tokens.find((t) => t.jti === d.tokenId)!;
		expect(listed).toMatchObject({
			kind: 'device',
			role: 'editor',
			name: '王老师的手机',
			invitationId: inv.tokenId
		});
		expect(listed.lastSeenAt).toBeTypeOf('number');
		expect(JSON.stringify(tokens)).not.toContain(d.token);
		expect((await api(relay.http, `/api/workspaces/${WS}/tokens`, { token: d.token })).status).toBe(
			403
		);
	});

	it('[DEV4] revoking a device cuts only it; revoking the invitation cuts every device it admitted', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const inv = await invitation(owner);
		const other = await invitation(owner);
		const [a, b, c] = [
			await device(inv.token, 'A'),
			await device(inv.token, 'B'),
			await device(other.token, 'C')
		];
		const sa = await socket(a.token);
		const sb = await socket(b.token);
		const sb2 = await socket(b.token, `${WS}/visits-2026`);
		const sc = await socket(c.token);
		if (typeof sa === 'number' || typeof sb === 'number' || typeof sc === 'number')
			throw new Error();
		if (typeof sb2 === 'number') throw new Error();
		const aClosed = closed(sa);
		const del = (jti: string) =>
			api(relay!.http, `/api/workspaces/${WS}/tokens/${jti}`, { method: 'DELETE', token: owner });
		expect((await del(a.tokenId)).json).toMatchObject({ revoked: true, devicesRevoked: 0 });
		expect((await aClosed).code).toBe(CloseCode.unauthorised);
		expect(sb.readyState).toBe(sb.OPEN);
		const bClosed = Promise.all([closed(sb), closed(sb2)]);
		const r = await del(inv.tokenId);
		expect(r.json).toMatchObject({ revoked: true, devicesRevoked: 1, closedConnections: 2 });
		expect((await bClosed).map((e) => e.code)).toEqual([4401, 4401]);
		expect(await socket(b.token)).toBe(401);
		expect((await redeem(inv.token, 'D')).status).toBe(401);
		await waitFor(() => sc.readyState === sc.OPEN);
		expect(await socket(c.token)).not.toBeTypeOf('number');
	});

	it('[DEV5] a token from before devices (no kind claim) still connects and exchanges itself', async () => {
		relay = await startRelay();
		const jti = nanoid();
		const now = Math.floor(Date.now() / 1000);
		await relay.relay.store.recordToken({
			jti,
			workspaceId: WS,
			role: 'editor',
			kind: 'invitation',
			expiresAt: now + 3600,
			label: 'invite (editor)'
		});
		const legacy = await new SignJWT({ ws: WS, role: 'editor' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuer('bangfu-relay')
			.setJti(jti)
			.setIssuedAt(now)
			.setExpirationTime(now + 3600)
			.sign(relay.config.secret);
		expect(await socket(legacy)).not.toBeTypeOf('number');
		const session = await api(relay.http, `/api/workspaces/${WS}/session`, { token: legacy });
		expect(session.json).toMatchObject({ role: 'editor', kind: null });
		const d = await device(legacy, '老设备');
		expect(d.role).toBe('editor');
		expect(await socket(d.token)).not.toBeTypeOf('number');
	});
});
