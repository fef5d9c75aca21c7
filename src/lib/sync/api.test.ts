// The HTTP client against the real relay on a random port with its own data dir.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	needsExchange,
	parseJoinFragment,
	RelayApi,
	RelayApiError,
	relayHttpBase,
	relaySocketUrl,
	tokenKind
} from './api';
import {
	removeDir,
	startRelay,
	tempDir,
	type TestRelay
} from '../../../sync-server/test/helpers.ts';

describe('RelayApi', () => {
	let relay: TestRelay;
	let dir: string;
	let api: RelayApi;

	beforeEach(async () => {
		dir = tempDir('bangfu-api-');
		relay = await startRelay({}, dir);
		api = new RelayApi(relay.http);
	});
	afterEach(async () => {
		await relay.close();
		removeDir(dir);
	});

	it('registers a device-made workspace, invites a viewer through a fragment link, revokes', async () => {
		const owner = await api.register('ws-test-0001');
		expect(owner).toMatchObject({ workspaceId: 'ws-test-0001', role: 'owner' });
		const invite = await api.invite('ws-test-0001', owner.token, 'viewer');
		const url = new URL(invite.joinUrl);
		expect(url.search).toBe('');
		expect(parseJoinFragment(url.hash)).toEqual({
			workspaceId: 'ws-test-0001',
			token: invite.token
		});
		expect(await api.session('ws-test-0001', invite.token)).toMatchObject({ role: 'viewer' });
		const listed = await api.tokens('ws-test-0001', owner.token);
		expect(listed.tokens.map((t) => t.role).sort()).toEqual(['owner', 'viewer']);
		await api.revoke('ws-test-0001', owner.token, invite.tokenId);
		await expect(api.session('ws-test-0001', invite.token)).rejects.toMatchObject({ status: 401 });
	});

	it('refuses an editor minting invites with a clear code', async () => {
		const owner = await api.register('ws-test-0002');
		const invitation = await api.invite('ws-test-0002', owner.token, 'editor');
		const editor = await api.redeem('ws-test-0002', invitation.token, '李老师的手机');
		expect(editor).toMatchObject({ role: 'editor', kind: 'device', name: '李老师的手机' });
		const err = await api.invite('ws-test-0002', editor.token, 'viewer').catch((e: unknown) => e);
		expect(err).toBeInstanceOf(RelayApiError);
		expect((err as RelayApiError).status).toBe(403);
	});

	it('maps between the HTTP base and the socket URL', () => {
		expect(relaySocketUrl('https://relay.example.cn/')).toBe('wss://relay.example.cn/sync');
		expect(relaySocketUrl('http://localhost:8787')).toBe('ws://localhost:8787/sync');
		expect(relayHttpBase('ws://localhost:8787/sync')).toBe('http://localhost:8787');
	});
});

describe('token kinds', () => {
	let relay: TestRelay;
	let dir: string;
	beforeEach(async () => {
		dir = tempDir('bangfu-api-');
		relay = await startRelay({}, dir);
	});
	afterEach(async () => {
		await relay.close();
		removeDir(dir);
	});

	it('tells an invitation from a device token, and which tokens to exchange', async () => {
		const api = new RelayApi(relay.http);
		const owner = await api.register('ws-test-0003');
		const invitation = await api.invite('ws-test-0003', owner.token, 'viewer', { maxUses: 3 });
		const device = await api.redeem('ws-test-0003', invitation.token, '督导的平板', 'd-tablet-01');
		expect(tokenKind(owner.token)).toBe('owner');
		expect(tokenKind(invitation.token)).toBe('invitation');
		expect(tokenKind(device.token)).toBe('device');
		expect(tokenKind('not a token')).toBeNull();
		expect(needsExchange(invitation.token, 'viewer')).toBe(true);
		expect(needsExchange(device.token, 'viewer')).toBe(false);
		expect(needsExchange(owner.token, 'owner')).toBe(false);
		// Tokens from before kinds: exchanged unless they are an owner's.
		const legacy = `x.${btoa(JSON.stringify({ ws: 'w', role: 'editor' }))}.y`;
		expect(needsExchange(legacy, 'editor')).toBe(true);
		expect(needsExchange(legacy, 'owner')).toBe(false);
		const listed = await api.tokens('ws-test-0003', owner.token);
		expect(listed.tokens.find((t) => t.jti === device.tokenId)).toMatchObject({
			kind: 'device',
			name: '督导的平板',
			invitationId: invitation.tokenId
		});
	});
});
