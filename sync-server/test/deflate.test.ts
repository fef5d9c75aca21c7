// permessage-deflate on the sync sockets (WS_DEFLATE): the relay accepts the extension a
// client offers, stock y-websocket clients sync with and without it, and a big first sync
// really goes out compressed.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import {
	removeDir,
	startRelay,
	tearDown,
	tempDir,
	waitFor,
	WS,
	type TestRelay
} from './helpers.ts';

/** Upgrade response headers of one raw handshake. */
function handshake(
	url: string,
	deflate: boolean
): Promise<Record<string, string | string[] | undefined>> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { perMessageDeflate: deflate });
		ws.once('upgrade', (res) => resolve(res.headers));
		ws.once('open', () => ws.close());
		ws.once('error', reject);
	});
}

/** A stock provider whose sockets are kept, to read what was negotiated and received. */
function stockClient(base: string, token: string, deflate: boolean, doc = new Y.Doc()) {
	const sockets: { ws: WebSocket; tcp: Socket | null }[] = [];
	class Kept extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { perMessageDeflate: deflate });
			const entry = { ws: this as WebSocket, tcp: null as Socket | null };
			sockets.push(entry);
			this.once('upgrade', (res: { socket: Socket }) => (entry.tcp = res.socket));
		}
	}
	const provider = new WebsocketProvider(base, WS, doc, {
		params: { token },
		disableBc: true,
		WebSocketPolyfill: Kept as unknown as typeof globalThis.WebSocket
	});
	return { doc, provider, sockets, destroy: () => (provider.destroy(), doc.destroy()) };
}

/** ~200 KB of text that compresses like Yjs does (repeated keys and values). */
function bigText(doc: Y.Doc): string {
	const text = Array.from(
		{ length: 4000 },
		(_, i) => `household-${i % 97} village-${i % 13};`
	).join('\n');
	doc.getText('t').insert(0, text);
	return text;
}

describe('relay: permessage-deflate', () => {
	let relay: TestRelay | null = null;
	const cleanups: (() => void)[] = [];
	afterEach(async () => {
		await tearDown(relay, cleanups);
		relay = null;
	});

	it('negotiates permessage-deflate when offered, and not when not offered', async () => {
		relay = await startRelay();
		const url = `${relay.ws}/${WS}?token=${await relay.token('editor')}`;
		const offered = await handshake(url, true);
		expect(offered['sec-websocket-extensions']).toMatch(/^permessage-deflate/);
		expect(offered['sec-websocket-extensions']).toContain('server_no_context_takeover');
		expect(offered['sec-websocket-extensions']).toContain('client_no_context_takeover');
		const plain = await handshake(url, false);
		expect(plain['sec-websocket-extensions']).toBeUndefined();
	});

	it('WS_DEFLATE=off never negotiates it', async () => {
		relay = await startRelay({ WS_DEFLATE: 'off' });
		const url = `${relay.ws}/${WS}?token=${await relay.token('editor')}`;
		expect((await handshake(url, true))['sec-websocket-extensions']).toBeUndefined();
	});

	it('stock y-websocket clients with and without deflate sync a big document both ways', async () => {
		relay = await startRelay();
		const token = await relay.token('editor');
		const writer = stockClient(relay.ws, token, true);
		cleanups.push(writer.destroy);
		await waitFor(() => writer.provider.synced, 5000, 'writer synced');
		const text = bigText(writer.doc);
		const reader = stockClient(relay.ws, token, true);
		const plain = stockClient(relay.ws, token, false);
		cleanups.push(reader.destroy, plain.destroy);
		await waitFor(
			() =>
				reader.doc.getText('t').toString() === text && plain.doc.getText('t').toString() === text,
			10_000,
			'big first sync'
		);
		expect(reader.sockets[0]!.ws.extensions).toMatch(/permessage-deflate/);
		expect(plain.sockets[0]!.ws.extensions).toBe('');
		// The compressed first sync took far fewer bytes than the uncompressed one.
		const read = (c: typeof reader) => c.sockets[0]!.tcp!.bytesRead;
		expect(read(plain)).toBeGreaterThan(text.length);
		expect(read(reader)).toBeLessThan(read(plain) / 5);
		// And back: an edit from the plain client reaches the deflate one, and the other way.
		plain.doc.getMap('m').set('from', 'plain');
		reader.doc.getMap('m').set('big', text);
		await waitFor(
			() =>
				reader.doc.getMap('m').get('from') === 'plain' &&
				plain.doc.getMap('m').get('big') === text &&
				writer.doc.getMap('m').get('big') === text,
			10_000,
			'edits both ways'
		);
	});

	it('refuses a bad WS_DEFLATE', async () => {
		const dir = tempDir();
		await expect(startRelay({ WS_DEFLATE: 'yes' }, dir)).rejects.toThrow(/WS_DEFLATE/);
		removeDir(dir);
	});
});
