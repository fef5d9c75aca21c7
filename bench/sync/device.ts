// One simulated device for the sync suite: the real document API (WorkspaceDocs over the
// main doc) with the stock y-websocket WebsocketProvider, and a socket class that remembers
// its TCP sockets so the suite can read how many bytes really went out.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { WorkspaceDocs } from '../../src/lib/doc';
import type { RunningRelay } from '../relay/servers';

export type Device = {
	docs: WorkspaceDocs;
	provider: WebsocketProvider;
	/** Bytes written to the relay's TCP sockets since `markBytes()` (upgrade request included). */
	bytesSinceMark(): number;
	markBytes(): void;
	destroy(): void;
};

/** Each device gets its own subclass, so its sockets are counted apart from the other's. */
function countingSocketClass(sockets: Socket[]) {
	return class CountingSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { perMessageDeflate: false });
			this.once('upgrade', (res: { socket: Socket }) => sockets.push(res.socket));
		}
	};
}

export async function openDevice(
	relay: RunningRelay,
	workspaceId: string,
	token: string,
	actor: string
): Promise<Device> {
	const sockets: Socket[] = [];
	let mark = 0;
	const written = () => sockets.reduce((n, s) => n + s.bytesWritten, 0);
	let provider: WebsocketProvider | null = null;
	const docs = await WorkspaceDocs.open({
		workspaceId,
		actor,
		opener: (doc, { room }) => {
			provider = new WebsocketProvider(relay.base, room, doc, {
				params: { token },
				// Two providers in one process would otherwise sync through BroadcastChannel and
				// the relay would carry nothing (TOOLCHAIN.md).
				disableBc: true,
				// ws's class is the polyfill y-websocket documents for Node; the DOM type differs.
				WebSocketPolyfill: countingSocketClass(sockets) as unknown as typeof globalThis.WebSocket
			});
		}
	});
	if (!provider) throw new Error('the document layer did not open the main doc');
	const p: WebsocketProvider = provider;
	return {
		docs,
		provider: p,
		bytesSinceMark: () => written() - mark,
		markBytes: () => (mark = written()),
		destroy: () => {
			p.destroy();
			docs.main.doc.destroy();
		}
	};
}
