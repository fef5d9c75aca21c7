// Bundles page.ts for the browser with esbuild (already in node_modules through tsx and
// vite; it should become an explicit devDependency) and serves it with a blank page from
// 127.0.0.1, an origin of its own so IndexedDB starts empty.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';

const HTML =
	'<!doctype html><meta charset="utf-8"><title>bench</title><script src="/page.js"></script>';

/** The bench page, or (`entry`) another script it loads, such as the rules' worker. */
export async function bundlePage(
	root: string,
	entry = 'bench/client/page.ts',
	minify = true
): Promise<string> {
	const out = await build({
		entryPoints: [join(root, entry)],
		bundle: true,
		write: false,
		format: 'iife',
		platform: 'browser',
		target: 'es2022',
		minify,
		absWorkingDir: root,
		tsconfig: join(root, 'tsconfig.json'),
		alias: { $lib: './src/lib', $domain: './src/lib/domain' },
		logLevel: 'silent'
	});
	const file = out.outputFiles[0];
	if (!file) throw new Error('esbuild produced nothing');
	return file.text;
}

/** The app's rules worker, as the page starts it (`/rules-worker.js`, a classic worker). */
export const RULES_WORKER = 'src/lib/services/rules.worker.ts';

export async function servePage(
	js: string,
	workerJs = ''
): Promise<{ url: string; server: Server }> {
	const server = createServer((req, res) => {
		if (req.url === '/page.js' || req.url === '/rules-worker.js') {
			res.writeHead(200, { 'content-type': 'text/javascript' });
			res.end(req.url === '/page.js' ? js : workerJs);
		} else {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end(HTML);
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
