// Issue 10 #9 on the HTTP side: security headers, a CSP computed from the built page, a bad
// URL answered 400, /api CORS limited to known origins, /metrics behind METRICS_TOKEN.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, removeDir, tempDir, tearDown, type TestRelay, startRelay, WS } from './helpers.ts';

let relay: TestRelay | null = null;
const dirs: string[] = [];
afterEach(async () => {
	await tearDown(relay, []);
	relay = null;
	for (const d of dirs.splice(0)) removeDir(d);
});

/** Sends a request line as is (fetch would normalise the URL) and returns the status line. */
function rawStatus(port: number, path: string): Promise<string> {
	return new Promise((resolve) => {
		const s = connect(port, '127.0.0.1', () =>
			s.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
		);
		let data = '';
		s.on('data', (c: Buffer) => (data += c.toString()));
		s.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
		s.on('error', () => resolve(''));
	});
}

const BOOT = '\n\t\t\t\t__sveltekit_x = { base: "" };\n\t\t\t';

describe('the served app', () => {
	it('[SEC1] carries CSP with the inline boot script hash, no framing, no referrer', async () => {
		const dir = tempDir('bangfu-app-');
		dirs.push(dir);
		mkdirSync(join(dir, 'build'));
		writeFileSync(
			join(dir, 'build', 'index.html'),
			`<!doctype html><html><body><script>${BOOT}</script><script src="/a.js"></script></body></html>`
		);
		relay = await startRelay({ SERVE_APP: '1' }, join(dir, 'data'), { appDir: join(dir, 'build') });
		const page = await fetch(`${relay.http}/w/abc/households`);
		const csp = page.headers.get('content-security-policy') ?? '';
		const hash = createHash('sha256').update(BOOT).digest('base64');
		expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).not.toContain("'unsafe-eval'");
		expect(page.headers.get('x-frame-options')).toBe('DENY');
		expect(page.headers.get('referrer-policy')).toBe('no-referrer');
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		expect(await rawStatus(relay.port, '/%E0%A4%A')).toBe('HTTP/1.1 400 Bad Request');
		const health = await fetch(`${relay.http}/healthz`);
		expect(health.headers.get('referrer-policy')).toBe('no-referrer');
	});

	it('[SEC2] a malformed URL answers 400 on a relay without the app too', async () => {
		relay = await startRelay();
		expect(await rawStatus(relay.port, '/%E0%A4%A')).toBe('HTTP/1.1 400 Bad Request');
		expect(await rawStatus(relay.port, `/api/workspaces/${WS}/blobs/%E0%A4%A`)).toMatch(
			/^HTTP\/1.1 400/
		);
	});
});

describe('/api CORS', () => {
	it("[SEC3] only the relay's own origin, PUBLIC_URL and CORS_ORIGINS may call from a browser", async () => {
		relay = await startRelay({
			PUBLIC_URL: 'https://relay.example.org',
			CORS_ORIGINS: 'http://localhost:5173'
		});
		const register = (origin: string) =>
			api(relay!.http, '/api/workspaces', { method: 'POST', headers: { origin } });
		const evil = await register('https://evil.example');
		expect(evil).toMatchObject({ status: 403, json: { error: 'forbidden' } });
		expect(evil.headers.get('access-control-allow-origin')).toBeNull();
		const own = await register(relay.http);
		expect(own.status).toBe(201);
		expect(own.headers.get('access-control-allow-origin')).toBe(relay.http);
		expect((await register('https://relay.example.org')).status).toBe(201);
		expect((await register('http://localhost:5173')).status).toBe(201);
		const preflight = await api(relay.http, '/api/workspaces', {
			method: 'OPTIONS',
			headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' }
		});
		expect(preflight.status).toBe(403);
		// Scripts and the CLI send no Origin: unaffected.
		expect((await api(relay.http, '/api/workspaces', { method: 'POST' })).status).toBe(201);
	});
});

describe('/metrics', () => {
	it('[SEC4] needs the bearer METRICS_TOKEN when one is set', async () => {
		relay = await startRelay({ METRICS_TOKEN: 'scrape-me-please' });
		expect((await api(relay.http, '/metrics')).status).toBe(401);
		expect((await api(relay.http, '/metrics', { token: 'wrong' })).status).toBe(401);
		const ok = await api(relay.http, '/metrics', { token: 'scrape-me-please' });
		expect(ok.status).toBe(200);
		expect(ok.text).toContain('bangfu_security_events_total{kind="metrics_refused"} 2');
	});
});
