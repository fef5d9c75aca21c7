// One authenticated WebSocket in one room: decodes y-websocket messages, enforces the role
// and the limits, and hands writes to the room's group commit. Anything malformed closes
// this connection only (close codes in src/lib/sync/protocol.ts).
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
	awarenessFrame,
	canWrite,
	CloseEvent,
	Limits,
	MessageType,
	syncStep1Frame,
	syncStep2Frame,
	SyncMessageType,
	type TokenClaims
} from '#protocol';
import { reject, type Metrics, type RejectReason } from '../metrics.ts';
import type { Room, RoomMember } from '../rooms/index.ts';
import { checkAwarenessUpdate, TokenBucket } from './limits.ts';

class Malformed extends Error {}

export class Connection implements RoomMember {
	readonly controlled = new Set<number>();
	readonly claims: TokenClaims;
	readonly room: Room;
	#ws: WebSocket;
	#metrics: Metrics;
	#maxBuffered: number;
	#closed = false;
	#messages = new TokenBucket(Limits.messagesPerSecond, Limits.messageBurst);
	#awareness = new TokenBucket(Limits.awarenessPerSecond, Limits.awarenessBurst);

	constructor(ws: WebSocket, room: Room, claims: TokenClaims, metrics: Metrics) {
		this.#ws = ws;
		this.room = room;
		this.claims = claims;
		this.#metrics = metrics;
		this.#maxBuffered = Limits.maxBufferedBytes;
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
		ws.on('close', () => this.#onClose());
		// Protocol errors (bad frames, oversize) make ws close the socket itself (1002/1009).
		ws.on('error', (err: Error & { code?: string }) => {
			this.#reject(err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'too_big' : 'malformed');
		});
		room.join(this);
		this.#greet();
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Sync step 1 (the relay's state vector) and the room's awareness, as y-websocket does. */
	#greet(): void {
		this.send(syncStep1Frame(Y.encodeStateVector(this.room.doc)));
		const states = this.room.awareness.getStates();
		if (states.size > 0) this.send(this.#awarenessMessage([...states.keys()]));
	}

	#awarenessMessage(clients: number[]): Uint8Array {
		return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clients));
	}

	send(message: Uint8Array): void {
		if (this.#closed) return;
		if (this.#ws.bufferedAmount > this.#maxBuffered) {
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
		this.#closed = true;
		this.room.leave(this);
		this.#ws.close(code, reason);
	}

	ping(): void {
		if (!this.#closed) this.#ws.ping();
	}

	/** For SIGTERM: the close frame may not get out, the socket must go anyway. */
	terminate(): void {
		this.#closed = true;
		this.room.leave(this);
		this.#ws.terminate();
	}

	#onClose(): void {
		if (!this.#closed) {
			this.#closed = true;
			this.room.leave(this);
		}
	}

	#reject(reason: RejectReason): void {
		reject(this.#metrics, reason);
	}

	#onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
		if (this.#closed) return;
		if (!isBinary || !Buffer.isBuffer(data)) {
			this.#reject('malformed');
			this.close(CloseEvent.malformed.code, 'binary frames only');
			return;
		}
		this.#metrics.bytesIn.inc(data.length);
		if (!this.#messages.take()) {
			this.#reject('rate_limited');
			this.closeWith(CloseEvent.rateLimited);
			return;
		}
		const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		try {
			this.#dispatch(message);
		} catch (err) {
			this.#reject('malformed');
			this.close(
				CloseEvent.malformed.code,
				err instanceof Malformed ? err.message : CloseEvent.malformed.reason
			);
		}
	}

	#dispatch(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.sync:
				return this.#onSync(decoder, message.length);
			case MessageType.awareness:
				return this.#onAwareness(decoding.readVarUint8Array(decoder), decoder, message.length);
			case MessageType.queryAwareness:
				if (decoder.pos !== message.length) throw new Malformed('trailing bytes');
				this.send(this.#awarenessMessage([...this.room.awareness.getStates().keys()]));
				return;
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
			this.send(syncStep2Frame(Y.encodeStateAsUpdate(this.room.doc, payload)));
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
		// Decoding validates the update; a resent or empty one is not stored again.
		if (this.room.covers(payload)) return;
		// Copy: the frame's buffer may be pooled by ws, and the queue outlives this call.
		this.room.enqueue(this, payload.slice());
	}

	#onAwareness(update: Uint8Array, decoder: decoding.Decoder, length: number): void {
		if (decoder.pos !== length) throw new Malformed('trailing bytes');
		if (!this.#awareness.take()) {
			this.#reject('rate_limited');
			this.close(CloseEvent.rateLimited.code, 'awareness rate limited');
			return;
		}
		const check = checkAwarenessUpdate(update, this.controlled);
		if (!check.ok) {
			if (check.reason === 'malformed') throw new Malformed('bad awareness update');
			this.#reject('awareness_limit');
			this.closeWith(CloseEvent.awarenessLimit);
			return;
		}
		const states = this.room.awareness.getStates();
		const fresh = check.clients.filter((c) => !states.has(c)).length;
		if (states.size + fresh > Limits.maxAwarenessStatesPerRoom) {
			this.#reject('awareness_limit');
			this.close(CloseEvent.awarenessLimit.code, 'room awareness full');
			return;
		}
		awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, this);
	}
}
