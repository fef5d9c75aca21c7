// Issue 10 #5, #6, #10, #11 on the HTTP side: registrations per address, connection caps
// with /healthz still answering, header and body timeouts, token lifetimes, security logs.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setQuiet } from '../src/log.ts';
import { api, sleep, startRelay, tearDown, WS, type TestRelay } from './helpers.ts';

let relay: TestRelay | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.destroy();
	await tearDown(relay, []);
	relay = null;
});

/** A raw TCP socket to the relay that collects what it receives. */
async function raw(
	port: number
): Promise<{ socket: Socket; received: () => string; ended: Promise<number> }> {
	const socket = connect(port, '127.0.0.1');
	sockets.push(socket);
	let data = '';
	const started = Date.now();
	socket.on('data', (c: Buffer) => (data += c.toString()));
	socket.on('error', () => {});
	const ended = new Promise<number>((r) => socket.once('close', () => r(Date.now() - started)));
	await new Promise<void>((r) => socket.once('connect', () => r()));
	return { socket, received: () => data, ended };
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

async function metric(name: string): Promise<string[]> {
	const text = (await api(relay!.http, '/metrics')).text;
	return text.split('\n').filter((l) => l.startsWith(name));
}

describe('quotas and connection limits', () => {
	it('[LIM1] registrations per address per hour: refused with 429 past the limit, counted', async () => {
		relay = await startRelay({ REGISTRATIONS_PER_HOUR: '3' });
		for (let i = 0; i < 3; i++) {
			expect((await api(relay.http, '/api/workspaces', { method: 'POST' })).status).toBe(201);
		}
		const refused = await api(relay.http, '/api/workspaces', { method: 'POST' });
		expect(refused).toMatchObject({ status: 429, json: { error: 'rate_limited' } });
		expect(refused.headers.get('retry-after')).toBe('3600');
		expect(await metric('bangfu_security_events_total{kind="registration_limit"}')).toEqual([
			'bangfu_security_events_total{kind="registration_limit"} 1'
		]);
	});

	it('[LIM2] connections per address are capped with a 429 answer', async () => {
		relay = await startRelay({ MAX_CONNECTIONS_PER_ADDRESS: '5' });
		for (let i = 0; i < 5; i++) await raw(relay.port);
		const sixth = await raw(relay.port);
		await sixth.ended;
		expect(sixth.received()).toMatch(/^HTTP\/1.1 429 .*too_many_connections/s);
		// Freed sockets make room again.
		for (const s of sockets.splice(0, 5)) s.destroy();
		await sleep(100);
		expect((await api(relay.http, '/healthz')).status).toBe(200);
	});

	it('[LIM3] at the total cap /healthz still answers, everything else is 503, then refused', async () => {
		relay = await startRelay({ MAX_CONNECTIONS: '10', MAX_CONNECTIONS_PER_ADDRESS: '0' });
		for (let i = 0; i < 10; i++) await raw(relay.port);
		const health = await raw(relay.port);
		health.socket.write(get('/healthz'));
		const other = await raw(relay.port);
		other.socket.write(get(`/api/workspaces/${WS}/session`));
		await Promise.all([health.ended, other.ended]);
		expect(health.received()).toMatch(/^HTTP\/1.1 200 OK.*"ok":true/s);
		expect(other.received()).toMatch(/^HTTP\/1.1 503 .*"unavailable"/s);
		// The reserve is small: past it a new socket is told 503 and closed at once.
		for (let i = 0; i < 16; i++) await raw(relay.port);
		const beyond = await raw(relay.port);
		await beyond.ended;
		expect(beyond.received()).toMatch(/^HTTP\/1.1 503 /);
	});

	it('[LIM4] a dripped body is refused within the body timeout, slow headers are dropped', async () => {
		relay = await startRelay({ BODY_TIMEOUT_MS: '500', HEADERS_TIMEOUT_MS: '500' });
		const editor = await relay.token('editor');
		const drip = await raw(relay.port);
		drip.socket.write(
			`PUT /api/workspaces/${WS}/blobs/${'a'.repeat(64)} HTTP/1.1\r\nHost: x\r\n` +
				`Authorization: Bearer ${editor}\r\nContent-Length: 100000\r\n\r\n`
		);
		const timer = setInterval(() => drip.socket.write('x'), 50);
		const tookBody = await drip.ended;
		clearInterval(timer);
		expect(drip.received()).toMatch(/^HTTP\/1.1 408 .*request_timeout/s);
		expect(tookBody).toBeLessThan(3000);
		const slow = await raw(relay.port);
		slow.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
		const tookHeaders = await slow.ended;
		expect(tookHeaders).toBeLessThan(3000);
		expect(slow.received()).not.toContain('200 OK');
	});
});

describe('token lifetimes', () => {
	it('[TTL1] an invitation TTL is capped at 365 days', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const invite = (ttl: string) =>
			api(relay!.http, `/api/workspaces/${WS}/invites`, {
				method: 'POST',
				token: owner,
				body: JSON.stringify({ role: 'editor', ttl })
			});
		expect((await invite('9999999999d')).status).toBe(400);
		expect((await invite('366d')).status).toBe(400);
		expect((await invite('365d')).status).toBe(201);
	});

	it('[TTL2] an expired token is refused at the second, with no tolerance', async () => {
		relay = await startRelay();
		const token = await relay.token('editor', WS, '1s');
		// Past its exp by a second or so: the old 30 s tolerance accepted it.
		await sleep(2100);
		const r = await api(relay.http, `/api/workspaces/${WS}/session`, { token });
		expect(r).toMatchObject({ status: 401, json: { error: 'token_expired' } });
	});
});

describe('security log', () => {
	it('[LOG1] refused tokens and revocations write JSON lines without tokens, and are counted', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const editor = await relay.token('editor');
		const lines: string[] = [];
		const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
			lines.push(String(chunk));
			return true;
		});
		setQuiet(false);
		try {
			await api(relay.http, `/api/workspaces/${WS}/session`, { token: 'forged.token.here' });
			await api(relay.http, `/api/workspaces/other-workspace/session`, { token: editor });
			const session = await api(relay.http, `/api/workspaces/${WS}/session`, { token: editor });
			const jti = String(session.json.tokenId);
			await api(relay.http, `/api/workspaces/${WS}/tokens/${jti}`, {
				method: 'DELETE',
				token: owner
			});
			await api(relay.http, `/api/workspaces/${WS}/session`, { token: editor });
		} finally {
			setQuiet(true);
			spy.mockRestore();
		}
		const events = lines
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as { event: string; kind: string; reason?: string });
		expect(events.map((e) => [e.event, e.kind, e.reason])).toEqual([
			['security', 'token_refused', 'unauthorised'],
			['security', 'token_refused', 'forbidden'],
			['security', 'revocation', undefined],
			['security', 'token_refused', 'token_revoked']
		]);
		const all = lines.join('');
		expect(all).not.toContain(editor);
		expect(all).not.toContain(owner);
		expect(all).not.toContain('forged.token.here');
		expect(await metric('bangfu_security_events_total{kind="token_refused"}')).toEqual([
			'bangfu_security_events_total{kind="token_refused"} 3'
		]);
		expect(await metric('bangfu_security_events_total{kind="revocation"}')).toEqual([
			'bangfu_security_events_total{kind="revocation"} 1'
		]);
	});
});
