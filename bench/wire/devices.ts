// The wire suite's devices: one stock y-websocket WebsocketProvider per room of the county
// (with `ws`, offering permessage-deflate or not), counting the bytes on their TCP sockets;
// and the seeding that puts the county (or its week) into the relay before anyone measures.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import type { RunningRelay } from '../relay/servers';
import type { County } from './county';
import { deviceToken } from './tokens';

export type Device = {
	docs: Y.Doc[];
	providers: WebsocketProvider[];
	/** Bytes read + written on the device's TCP sockets (upgrade requests included). */
	bytes(): number;
	destroy(): void;
};

export function roomName(county: County, shard: string): string {
	return shard === '' ? county.workspaceId : `${county.workspaceId}/${shard}`;
}

export function openDevice(
	base: string,
	county: County,
	token: string,
	deflate: boolean,
	start: 'empty' | 'base'
): Device {
	const sockets: Socket[] = [];
	class Counting extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { perMessageDeflate: deflate });
			this.once('upgrade', (res: { socket: Socket }) => sockets.push(res.socket));
		}
	}
	const docs = county.rooms.map((r) => {
		const doc = new Y.Doc();
		if (start === 'base') Y.applyUpdate(doc, r.base);
		return doc;
	});
	const providers = county.rooms.map(
		(r, i) =>
			new WebsocketProvider(base, roomName(county, r.shard), docs[i]!, {
				params: { token },
				disableBc: true,
				WebSocketPolyfill: Counting as unknown as typeof globalThis.WebSocket
			})
	);
	return {
		docs,
		providers,
		bytes: () => sockets.reduce((n, s) => n + s.bytesRead + s.bytesWritten, 0),
		destroy: () => {
			for (const p of providers) p.destroy();
			for (const d of docs) d.destroy();
		}
	};
}

/** Writes each room's `which` update into the relay as one sync update message over a raw
 * socket and waits for the relay's echo, which it sends only once the update is committed
 * and applied. No provider: a WebsocketProvider would re-encode the 13 MB shard for its own
 * 'update' listener first (Yjs looks up every root-level item's type among the shard's 24,000
 * root types; 11–15 s, minutes on a loaded machine, and then its 30 s silence timeout
 * reconnects it: the "late reader" of the last session, decision 0007). */
export async function push(
	relay: RunningRelay,
	county: County,
	owner: string,
	which: 'base' | 'week'
) {
	const token = await deviceToken(relay, county.workspaceId, owner);
	await Promise.all(
		county.rooms.map(async (r) => {
			const ws = new WebSocket(relay.url(roomName(county, r.shard), token), {
				perMessageDeflate: false
			});
			try {
				await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)));
				const frame = updateFrame(r[which]);
				const echoed = new Promise<void>((res, rej) => {
					ws.on('message', (m: Buffer) => m.equals(frame) && res());
					ws.once('close', (code) => rej(new Error(`${which} not stored: closed ${code}`)));
				});
				ws.send(frame);
				await Promise.race([
					echoed,
					new Promise((_, rej) => setTimeout(() => rej(new Error(`${which}: no echo`)), 300_000))
				]);
			} finally {
				ws.terminate();
			}
		})
	);
}

function updateFrame(update: Uint8Array): Buffer {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0); // sync
	encoding.writeVarUint(e, 2); // update
	encoding.writeVarUint8Array(e, update);
	return Buffer.from(encoding.toUint8Array(e));
}

/** The relay's state per room, as a device that has it all would hold it. */
export function target(county: County, week: boolean): Buffer[] {
	return county.rooms.map((r) => {
		const d = new Y.Doc();
		Y.applyUpdate(d, r.base);
		if (week) Y.applyUpdate(d, r.week);
		const sv = Buffer.from(Y.encodeStateVector(d));
		d.destroy();
		return sv;
	});
}
