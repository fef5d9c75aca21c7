// Serves the built PWA (build/) from the relay's port so one small machine hosts everything.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ApiError } from '#protocol';
import { contentSecurityPolicy } from './headers.ts';
import { sendError } from './respond.ts';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8'
};

const ENCODINGS = [
	{ token: 'br', ext: '.br' },
	{ token: 'gzip', ext: '.gz' }
] as const;

/** Returns a handler for GET/HEAD of the app, or null when the app has not been built. */
export function createStaticHandler(buildDir: string) {
	const index = join(buildDir, 'index.html');
	if (!existsSync(index)) return null;
	// One policy per HTML file, from the file itself (its inline boot script's hash).
	const policies = new Map<string, { mtimeMs: number; csp: string }>();
	const cspOf = (file: string): string => {
		const mtimeMs = statSync(file).mtimeMs;
		let p = policies.get(file);
		if (!p || p.mtimeMs !== mtimeMs) {
			p = { mtimeMs, csp: contentSecurityPolicy(readFileSync(file, 'utf8')) };
			policies.set(file, p);
		}
		return p.csp;
	};
	return function serveStatic(req: IncomingMessage, res: ServerResponse): boolean {
		if (req.method !== 'GET' && req.method !== 'HEAD') return false;
		let pathname: string;
		try {
			pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		} catch {
			// `GET /%E0%A4%A`: a broken escape is the client's mistake, answered, not a dropped socket.
			sendError(res, 400, ApiError.badRequest, 'malformed URL');
			return true;
		}
		const file = normalize(join(buildDir, pathname));
		if (!file.startsWith(buildDir + sep) && file !== buildDir) return false;
		let target = file;
		if (!(existsSync(target) && statSync(target).isFile())) {
			// Unknown paths with a file extension are real 404s; everything else is a route.
			if (extname(pathname)) return false;
			target = index;
		}
		const immutable = pathname.startsWith('/_app/immutable/');
		// The build ships .br/.gz twins (adapter-static `precompress`): a phone on a slow
		// link downloads a third of the bytes, and the relay spends no CPU compressing.
		const accepts = String(req.headers['accept-encoding'] ?? '');
		const encoding = ENCODINGS.find((e) => accepts.includes(e.token) && existsSync(target + e.ext));
		const html = extname(target) === '.html';
		res.writeHead(200, {
			'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
			...(html ? { 'content-security-policy': cspOf(target) } : {}),
			...(encoding ? { 'content-encoding': encoding.token } : {}),
			vary: 'accept-encoding',
			// Hashed assets never change; the shell and the service worker must always revalidate
			// so that a new version is noticed (the in-app "reload" prompt depends on it).
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
			'x-content-type-options': 'nosniff'
		});
		if (req.method === 'HEAD') res.end();
		else {
			const stream = createReadStream(encoding ? target + encoding.ext : target);
			// A file removed by a rebuild meanwhile, EMFILE, EIO: cut this response, keep the process.
			stream.on('error', () => res.destroy());
			res.on('close', () => stream.destroy());
			stream.pipe(res);
		}
		return true;
	};
}
