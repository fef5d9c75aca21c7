// A lightweight y-websocket client for load generation: the real wire protocol (sync step 1/2,
// updates) over one `ws` socket, but no Y.Doc on the receiving side. 1,000 full providers
// would each apply every update to a Y.Doc; on 2 cores that makes the generator, not the
// relay, the thing being measured. Receivers find the sender's marker string in the raw
// update bytes instead (Yjs writes a map value's string as contiguous UTF-8).
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { nowUs } from './messages';

/** y-protocols numbering: message type `sync` = 0; sync step 1 = 0, step 2 = 1, update = 2. */
const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const MARKER = Buffer.from('bfm:');
const END = ';'.charCodeAt(0);

function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, SYNC);
	encoding.writeVarUint(e, kind);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

/** An empty doc's state vector and update, as a fresh y-websocket client sends them. */
const EMPTY_SV = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export type Receipt = { client: RawClient; sender: number; seq: number; sentUs: number };

export class RawClient {
	readonly id: number;
	readonly room: string;
	#ws: WebSocket | null = null;
	#doc: Y.Doc | null = null;
	#seq = 0;
	/** Close code when the server closed us; null while open or closed by us. */
	closedWith: number | null = null;
	#closing = false;

	constructor(
		id: number,
		room: string,
		private onReceipt: (r: Receipt) => void
	) {
		this.id = id;
		this.room = room;
	}

	connect(url: string, timeoutMs: number): Promise<void> {
		return new Promise((res, rej) => {
			// Offers permessage-deflate as every browser does: our relay accepts it (WS_DEFLATE),
			// the stock server does not, so each pays what it would with real devices.
			const ws = new WebSocket(url, { perMessageDeflate: true, handshakeTimeout: timeoutMs });
			this.#ws = ws;
			ws.binaryType = 'nodebuffer';
			ws.once('open', () => {
				// What WebsocketProvider does on open: announce our (empty) state vector.
				ws.send(syncMessage(STEP1, EMPTY_SV));
				res();
			});
			ws.once('unexpected-response', (_req, resp) =>
				rej(new Error(`upgrade refused: HTTP ${resp.statusCode}`))
			);
			ws.on('error', (err) => rej(err));
			ws.on('message', (data: Buffer) => this.#onMessage(data));
			ws.on('close', (code) => {
				if (!this.#closing) this.closedWith = code;
			});
		});
	}

	#onMessage(data: Buffer): void {
		if (data[0] !== SYNC) return;
		if (data[1] === STEP1) {
			// The server's step 1: answer with our (empty) diff, as a stock client would.
			this.#ws?.send(syncMessage(STEP2, EMPTY_UPDATE));
			return;
		}
		if (data[1] !== UPDATE) return;
		const at = data.indexOf(MARKER);
		if (at === -1) return;
		const end = data.indexOf(END, at);
		const [sender, seq, sentUs] = data
			.toString('latin1', at + MARKER.length, end)
			.split(':')
			.map(Number);
		if (sender === undefined || seq === undefined || sentUs === undefined) return;
		this.onReceipt({ client: this, sender, seq, sentUs });
	}

	/** Sends one update carrying `bfm:<id>:<seq>:<sent µs>;` in a map entry this client owns. */
	write(): void {
		const ws = this.#ws;
		if (!ws || ws.readyState !== WebSocket.OPEN) return;
		const doc = (this.#doc ??= new Y.Doc());
		const box: { update?: Uint8Array } = {};
		doc.once('update', (u: Uint8Array) => (box.update = u));
		// Overwriting one key keeps each update small (one item + a delete) however long we run.
		doc.getMap('bench').set(`c${this.id}`, `bfm:${this.id}:${this.#seq++}:${nowUs()};`);
		if (box.update) ws.send(syncMessage(UPDATE, box.update));
	}

	get sent(): number {
		return this.#seq;
	}

	close(): void {
		this.#closing = true;
		this.#ws?.terminate();
	}
}
