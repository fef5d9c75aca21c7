// The wire suite's devices: one stock y-websocket WebsocketProvider per room of the county
// (with `ws`, offering permessage-deflate or not), counting the bytes on their TCP sockets;
// and the seeding that puts the county (or its week) into the relay before anyone measures.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { waitFor } from '../lib/procs';
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

/** Writes `updates` (one per room) into the relay through a plain provider and waits until a
 * second device reads them back, so they are stored before anyone measures. */
export async function push(
	relay: RunningRelay,
	county: County,
	owner: string,
	which: 'base' | 'week'
) {
	const writer = openDevice(
		relay.base,
		county,
		await deviceToken(relay, county.workspaceId, owner),
		false,
		'empty'
	);
	try {
		await waitFor(() => writer.providers.every((p) => p.synced), 120_000, 'writer synced');
		county.rooms.forEach((r, i) => {
			if (which === 'week') Y.applyUpdate(writer.docs[i]!, r.base);
			Y.applyUpdate(writer.docs[i]!, r[which]);
		});
		const want = writer.docs.map((d) => Buffer.from(Y.encodeStateVector(d)));
		// A reader that joined while the relay was still storing may have been answered from
		// the state before; a fresh one a little later is, like a device opening again.
		for (let attempt = 1; ; attempt++) {
			const token = await deviceToken(relay, county.workspaceId, owner);
			const check = openDevice(relay.base, county, token, false, 'empty');
			try {
				await waitFor(
					() => check.docs.every((d, i) => Buffer.from(Y.encodeStateVector(d)).equals(want[i]!)),
					60_000,
					`${which} stored`
				);
				break;
			} catch (err) {
				if (attempt >= 5) throw err;
			} finally {
				check.destroy();
			}
		}
	} finally {
		writer.destroy();
	}
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
