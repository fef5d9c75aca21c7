// The relay process: `npm run relay` (API + sync) and `npm start` (the same, plus the app).
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createStaticHandler } from './http/static.ts';

const port = Number(process.env.PORT ?? 8787);
const serveApp = process.env.SERVE_APP === '1' ? createStaticHandler(resolve('build')) : null;

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://x');
	if (url.pathname === '/healthz') {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ ok: true }));
		return;
	}
	if (serveApp?.(req, res)) return;
	res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
	res.end('not found');
});

server.listen(port, () => {
	console.log(`[bangfu] listening on http://localhost:${port}${serveApp ? ' (app + relay)' : ' (relay)'}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
