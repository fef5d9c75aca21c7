// What permessage-deflate costs the relay per socket: `ws` creates a socket's zlib context on
// its first compressed message and keeps it (no context takeover only resets it). N sockets
// each get a first sync above the 1 KiB threshold (so it goes out compressed) and stay open;
// the relay's RSS grown per socket, with WS_DEFLATE=on and =off, a fresh relay each.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { rssMb, sleep } from '../lib/procs';
import { fmt, info, measured, median } from '../lib/stats';
import type { Row } from '../lib/types';
import { startRelay } from '../relay/servers';
import { deviceToken } from './tokens';

const SOCKETS = 200;
/** The relay allows 64 sockets per token: one device token per this many. */
const PER_TOKEN = 50;
const WORKSPACE = 'deflate-memory-1';
/** Sync step 1 with an empty state vector: "send me everything". */
const STEP1 = Buffer.from([0, 0, 1, 0]);

export type DeflateMemory = {
	perSocketKb: number;
	baseMb: number;
	afterMb: number;
	stateBytes: number;
};

/** A ~6 KB room: a household's notes, over the threshold as any real first sync is. */
function roomState(): Uint8Array {
	const d = new Y.Doc();
	d.getText('notes').insert(0, '家中三口人，父亲外出务工，母亲在家照顾老人和孩子。'.repeat(80));
	return Y.encodeStateAsUpdate(d);
}

function open(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { perMessageDeflate: true });
		ws.once('error', reject);
		ws.once('open', () => {
			// The first sync: the relay's step 2 answer, compressed when the extension is on.
			ws.once('message', () => ws.once('message', () => resolve(ws)));
			ws.send(STEP1);
		});
	});
}

export async function deflateMemory(root: string, deflate: boolean): Promise<DeflateMemory> {
	const relay = await startRelay('bangfu', root, { WS_DEFLATE: deflate ? 'on' : 'off' });
	const sockets: WebSocket[] = [];
	try {
		const owner = (await relay.tokens([WORKSPACE])).get(WORKSPACE) ?? '';
		const state = roomState();
		const writer = await open(relay.url(WORKSPACE, owner));
		writer.send(Buffer.concat([Buffer.from([0, 2]), lengthPrefixed(state)]));
		await sleep(500);
		writer.close();
		const tokens: string[] = [];
		for (let i = 0; i < SOCKETS / PER_TOKEN; i++) {
			tokens.push(await deviceToken(relay, WORKSPACE, owner));
		}
		await sleep(1000);
		const baseMb = rssMb(relay.pid);
		for (let i = 0; i < SOCKETS; i++) {
			sockets.push(await open(relay.url(WORKSPACE, tokens[Math.floor(i / PER_TOKEN)]!)));
		}
		await sleep(3000);
		const afterMb = rssMb(relay.pid);
		return {
			perSocketKb: ((afterMb - baseMb) * 1024) / SOCKETS,
			baseMb,
			afterMb,
			stateBytes: state.length
		};
	} finally {
		for (const s of sockets) s.terminate();
		await relay.stop();
	}
}

function lengthPrefixed(bytes: Uint8Array): Buffer {
	const len: number[] = [];
	let n = bytes.length;
	while (n > 0x7f) {
		len.push((n & 0x7f) | 0x80);
		n >>>= 7;
	}
	len.push(n);
	return Buffer.concat([Buffer.from(len), bytes]);
}

/** The row: per socket with the extension on, beside the same relay with it off. */
export async function deflateMemoryRows(root: string, runs: number): Promise<Row[]> {
	const on: DeflateMemory[] = [];
	const off: DeflateMemory[] = [];
	// Paired like the relay rows, order alternating.
	for (let i = 0; i < runs; i++) {
		for (const d of i % 2 === 0 ? [true, false] : [false, true]) {
			(d ? on : off).push(await deflateMemory(root, d));
		}
	}
	const extra = on.map((o, i) => o.perSocketKb - (off[i]?.perSocketKb ?? NaN));
	return [
		measured(
			{
				suite: 'wire',
				figure: `relay memory per socket after a compressed first sync (permessage-deflate, ${SOCKETS} sockets)`,
				target: 'reference',
				unit: 'KB',
				notes:
					`RSS grown per socket, WS_DEFLATE=on; with =off ${fmt(median(off.map((o) => o.perSocketKb)))} KB, ` +
					`so deflate costs ${fmt(median(extra))} KB per socket (pairs: ${extra.map((e) => fmt(e)).join(', ')}); ` +
					`first sync ${fmt((on[0]?.stateBytes ?? 0) / 1e3)} kB of Yjs; relay ${fmt(median(on.map((o) => o.baseMb)))} → ${fmt(median(on.map((o) => o.afterMb)))} MB`
			},
			on.map((o) => o.perSocketKb),
			info
		)
	];
}
