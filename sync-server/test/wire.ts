// Raw-socket helpers for the abuse tests: y-websocket frames built by hand, a socket that
// records what it receives and how it was closed, and Yjs updates crafted to order.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { syncStep1Frame, updateFrame } from '#protocol';
import { waitFor } from './helpers.ts';

export type RawPeer = {
	ws: WebSocket;
	/** Sync updates (0/2) and step 2 answers (0/1) received. */
	updates: number;
	step2: number;
	awareness: number;
	closed: { code: number; reason: string } | null;
	send(frame: Uint8Array): void;
};

export async function rawPeer(url: string): Promise<RawPeer> {
	const ws = new WebSocket(url, { perMessageDeflate: false });
	const peer: RawPeer = {
		ws,
		updates: 0,
		step2: 0,
		awareness: 0,
		closed: null,
		send: (f) => ws.send(f)
	};
	ws.on('message', (d: Buffer) => {
		if (d[0] === 0 && d[1] === 2) peer.updates++;
		else if (d[0] === 0 && d[1] === 1) peer.step2++;
		else if (d[0] === 1) peer.awareness++;
	});
	ws.on('close', (code, reason) => (peer.closed = { code, reason: reason.toString() }));
	ws.on('error', () => {});
	await new Promise((res, rej) => (ws.once('open', res), ws.once('unexpected-response', rej)));
	return peer;
}

export const whenClosed = (p: RawPeer, ms = 10_000) =>
	waitFor(() => p.closed !== null, ms, 'socket closed').then(() => p.closed!);

/** `n` updates of one client, each building on the one before (a chain). */
export function chain(n: number, bytesEach = 16): Uint8Array[] {
	const doc = new Y.Doc();
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	const text = doc.getText('t');
	for (let i = 0; i < n; i++) text.insert(text.length, 'x'.repeat(bytesEach));
	return out;
}

export const update = (u: Uint8Array) => Buffer.from(updateFrame(u));
export const step1 = (sv: Uint8Array = Y.encodeStateVector(new Y.Doc())) =>
	Buffer.from(syncStep1Frame(sv));

export function awarenessFrame(entries: { id: number; clock: number; state: unknown }[]) {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, entries.length);
	for (const x of entries) {
		encoding.writeVarUint(e, x.id);
		encoding.writeVarUint(e, x.clock);
		encoding.writeVarString(e, JSON.stringify(x.state));
	}
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, 1);
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(e));
	return Buffer.from(encoding.toUint8Array(outer));
}

export async function metric(http: string, name: string, label = ''): Promise<number> {
	const text = await (await fetch(`${http}/metrics`)).text();
	let total = 0;
	for (const line of text.split('\n')) {
		if (!line.startsWith(name) || line.startsWith('#')) continue;
		if (label && !line.includes(label)) continue;
		total += Number(line.split(' ').pop());
	}
	return total;
}
