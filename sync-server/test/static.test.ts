// The app build served by the relay: SPA fallback, cache headers, precompressed twins.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticHandler } from '../src/http/static.ts';
import { removeDir, tempDir } from './helpers.ts';

let server: Server | undefined;
let dir = '';
afterEach(() => {
	server?.close();
	removeDir(dir);
});

async function serve() {
	dir = tempDir('bangfu-static-');
	mkdirSync(join(dir, '_app/immutable'), { recursive: true });
	writeFileSync(join(dir, 'index.html'), '<!doctype html><title>幫扶</title>');
	writeFileSync(
		join(dir, 'index.html.br'),
		brotliCompressSync('<!doctype html><title>幫扶</title>')
	);
	writeFileSync(join(dir, '_app/immutable/a.js'), 'export {}');
	const handler = createStaticHandler(dir)!;
	server = createServer((req, res) => {
		if (!handler(req, res)) res.writeHead(404).end();
	});
	await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function fetchRaw(url: string, headers: Record<string, string> = {}) {
	return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
		(resolve) => {
			get(url, { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks)
					})
				);
			});
		}
	);
}

describe('static app serving', () => {
	it('answers every route with the shell, brotli when the browser accepts it', async () => {
		const base = await serve();
		const br = await fetchRaw(`${base}/w/abc/households`, { 'accept-encoding': 'gzip, br' });
		expect(br.status).toBe(200);
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['cache-control']).toBe('no-cache');
		expect(brotliDecompressSync(br.body).toString()).toContain('幫扶');
		const plain = await fetchRaw(`${base}/`);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toContain('幫扶');
	});

	it('caches hashed assets for a year and 404s unknown files', async () => {
		const base = await serve();
		const js = await fetchRaw(`${base}/_app/immutable/a.js`);
		expect(js.headers['cache-control']).toContain('immutable');
		expect((await fetchRaw(`${base}/missing.png`)).status).toBe(404);
		// Paths never leave the build: traversal attempts resolve inside it (here, to the shell).
		for (const path of [
			'/../../etc/passwd',
			'/%2e%2e/%2e%2e/etc/passwd',
			'/..%2f..%2fetc%2fpasswd'
		]) {
			const res = await fetchRaw(base + path);
			expect(res.body.toString()).not.toContain('root:');
		}
	});
});
