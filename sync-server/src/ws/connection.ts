// One authenticated WebSocket in one room: decodes y-websocket messages, enforces the role
// and the limits, and hands writes to the room (group commit, quotas, missing dependencies).
// Anything malformed closes this connection only (close events in src/lib/sync/protocol.ts).
// Over its message rate a connection is slowed down, not closed (inbox.ts); sync step 1 and
// query-awareness are also charged to the token and the room, and answered from the room's
// cached encodings. The socket is closed at the second its token expires.
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import {
	canWrite,
	CloseEvent,
	Limits,
	MessageType,
	SyncMessageType,
	type TokenClaims
} from '#protocol';
import { reject, type Metrics, type RejectReason } from '../metrics.ts';
import type { Room, RoomMember } from '../rooms/index.ts';
import { refusalKind, security, type SecurityKind } from '../security.ts';
import { applyAwareness } from './awareness.ts';
import { atExpiry } from './expiry.ts';
import { Inbox } from './inbox.ts';
import { TokenBucket } from './limits.ts';

class Malformed extends Error {}

export class Connection implements RoomMember {
	readonly controlled = new Set<number>();
	readonly claims: TokenClaims;
	readonly room: Room;
	#ws: WebSocket;
	#metrics: Metrics;
	#closed = false;
	#messages: TokenBucket;
	#awareness = new TokenBucket(Limits.awarenessPerSecond, Limits.awarenessBurst);
	#inbox: Inbox;
	#cancelExpiry = () => {};
	#tokenAnswers: TokenBucket;
	#slowed = false;

	constructor(
		ws: WebSocket,
		room: Room,
		claims: TokenClaims,
		opts: {
			metrics: Metrics;
			/** The answer budget shared by every connection of this token. */
			tokenAnswers: TokenBucket;
			messagesPerSecond: number;
			messageBurst: number;
		}
	) {
		this.#ws = ws;
		this.room = room;
		this.claims = claims;
		this.#metrics = opts.metrics;
		this.#messages = new TokenBucket(opts.messagesPerSecond, opts.messageBurst);
		this.#tokenAnswers = opts.tokenAnswers;
		ws.binaryType = 'nodebuffer';
		const answers = [this.#messages, this.#tokenAnswers, room.answerBudget];
		const plain = [this.#messages];
		this.#inbox = new Inbox({
			ws,
			// Sync step 1 is [0, 0, …], query-awareness [3]: both fit in one varint byte. They
			// wait while the token's or the room's answer budget is in debt.
			budgets: (m) =>
				(m[0] === MessageType.sync && m[1] === SyncMessageType.step1) ||
				m[0] === MessageType.queryAwareness
					? answers
					: plain,
			handle: (m) => this.#handle(m),
			paused: () => {
				this.#metrics.backpressure.inc();
				// One line per connection, not one per pause: a fast writer pauses every few ms.
				if (!this.#slowed) this.#security('backpressure');
				this.#slowed = true;
			}
		});
		ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
		ws.on('close', () => this.#onClose());
		// Protocol errors (bad frames, oversize) make ws close the socket itself (1002/1009).
		ws.on('error', (err: Error & { code?: string }) => {
			const tooBig = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
			this.#reject(tooBig ? 'too_big' : 'malformed');
			this.#security('malformed_frame', { error: err.code ?? 'ws_error' });
		});
		room.join(this);
		this.#cancelExpiry = atExpiry(claims.exp, () => {
			this.#security('token_expired');
			this.closeWith(CloseEvent.tokenExpired);
		});
		this.#greet();
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Sync step 1 (the relay's state vector) and the room's awareness, as y-websocket does. */
	#greet(): void {
		this.send(this.room.answers.step1());
		const states = this.room.answers.awareness();
		if (states) this.send(states);
	}

	send(message: Uint8Array): void {
		if (this.#closed) return;
		if (this.#ws.bufferedAmount > Limits.maxBufferedBytes) {
			this.#reject('slow_consumer');
			this.closeWith(CloseEvent.slowConsumer);
			return;
		}
		this.#metrics.bytesOut.inc(message.length);
		// No per-send callback (a closure per recipient per update): a failed write destroys the
		// socket, and its 'close' event takes this connection out of the room (#onClose).
		this.#ws.send(message);
	}

	closeWith(event: CloseEvent): void {
		this.close(event.code, event.reason);
	}

	close(code: number, reason: string): void {
		if (this.#closed) return;
		this.#shutdown();
		this.#ws.close(code, reason);
	}

	ping(): void {
		if (!this.#closed) this.#ws.ping();
	}

	/** For SIGTERM: the close frame may not get out, the socket must go anyway. */
	terminate(): void {
		this.#shutdown();
		this.#ws.terminate();
	}

	#shutdown(): void {
		this.#closed = true;
		this.#inbox.close();
		this.#cancelExpiry();
		this.room.leave(this);
	}

	#onClose(): void {
		if (!this.#closed) this.#shutdown();
	}

	#reject(reason: RejectReason): void {
		reject(this.#metrics, reason);
	}

	#security(kind: SecurityKind, detail: Record<string, string | number> = {}): void {
		const who = { workspace: this.claims.ws, room: this.room.name, jti: this.claims.jti };
		security(this.#metrics, kind, who, detail);
	}

	#onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
		if (this.#closed) return;
		if (!isBinary || !Buffer.isBuffer(data)) {
			this.#reject('malformed');
			this.#security('malformed_frame', { error: 'text_frame' });
			this.close(CloseEvent.malformed.code, 'binary frames only');
			return;
		}
		this.#metrics.bytesIn.inc(data.length);
		this.#inbox.push(data);
	}

	#handle(data: Buffer): void {
		if (this.#closed) return;
		const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		try {
			this.#dispatch(message);
		} catch (err) {
			const reason = err instanceof Malformed ? err.message : CloseEvent.malformed.reason;
			this.#reject('malformed');
			this.#security('malformed_frame', { error: reason });
			this.close(CloseEvent.malformed.code, reason);
		}
	}

	/** Sends an answer and charges its bytes to the token and the room (after the fact: the
	 * next ask of this socket waits until both budgets are out of debt). */
	#answer(frame: Uint8Array): void {
		const cost = Math.max(frame.length, Limits.minAnswerCharge);
		this.#tokenAnswers.charge(cost);
		this.room.answerBudget.charge(cost);
		this.send(frame);
	}

	#dispatch(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.sync:
				return this.#onSync(decoder, message.length);
			case MessageType.awareness:
				return this.#onAwareness(decoding.readVarUint8Array(decoder), decoder, message.length);
			case MessageType.queryAwareness: {
				if (decoder.pos !== message.length) throw new Malformed('trailing bytes');
				const all = this.room.answers.awareness();
				if (all) this.#answer(all);
				return;
			}
			default:
				throw new Malformed('unknown message type');
		}
	}

	#onSync(decoder: decoding.Decoder, length: number): void {
		const kind = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (decoder.pos !== length) throw new Malformed('trailing bytes');
		if (kind === SyncMessageType.step1) {
			// Throws on a malformed state vector -> closed as malformed.
			this.#answer(this.room.answers.step2(payload));
			return;
		}
		if (kind !== SyncMessageType.step2 && kind !== SyncMessageType.update) {
			throw new Malformed('unknown sync message');
		}
		if (!canWrite(this.claims.role)) {
			// Viewers answer the relay's step 1 with a step 2 as every stock client does, so
			// closing them would break read-only use: drop it, silently (counted in metrics).
			this.#reject('viewer_write');
			return;
		}
		// Copy: the frame's buffer may be pooled by ws, and the queue outlives this call.
		// write() decodes it first: that is the validation (throws -> malformed).
		const refused = this.room.write(this, payload.slice());
		if (!refused) return;
		const what = refusalKind(refused.code);
		if (what) {
			this.#reject(what);
			this.#security(what, { bytes: payload.length });
		}
		this.closeWith(refused);
	}

	#onAwareness(update: Uint8Array, decoder: decoding.Decoder, length: number): void {
		if (decoder.pos !== length) throw new Malformed('trailing bytes');
		const refused = applyAwareness(this, this.#awareness, update, (reason, kind, detail) => {
			this.#reject(reason);
			this.#security(kind, detail);
		});
		if (refused === 'malformed') throw new Malformed('bad awareness update');
		if (refused) this.close(refused.code, refused.reason);
	}
}
