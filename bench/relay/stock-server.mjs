// The peer we measure against: the stock @y/websocket-server@0.1.1 connection handler behind a
// plain HTTP server, on the same path scheme as our relay (/sync/<room>?token=…, the token
// ignored: the stock server has no auth). Plain JavaScript started by plain
// `node`, as our relay runs from its bundle (scripts/relay-build.mjs): neither carries a
// TypeScript loader in its RSS. In-memory only: no YPERSISTENCE, which
// is how people run it and why it is a speed peer, not a durability one.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT);
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const server = createServer((_req, res) => {
	res.writeHead(200, { 'content-type': 'text/plain' });
	res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
	const path = new URL(req.url ?? '/', 'http://x').pathname;
	if (!path.startsWith('/sync/')) {
		socket.destroy();
		return;
	}
	wss.handleUpgrade(req, socket, head, (ws) => {
		setupWSConnection(ws, req, { docName: decodeURIComponent(path.slice('/sync/'.length)) });
	});
});
server.listen(port, '127.0.0.1', () => {
	if (process.send) process.send({ ready: true });
});
process.on('SIGTERM', () => process.exit(0));
