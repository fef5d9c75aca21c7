// The fan-out seam between relay processes that share one store (scale-out). The shape
// follows hocuspocus' extension-redis: a process publishes what it accepted, subscribes to a
// room while it holds the room in memory, and never hears its own messages back.
//
// Durability is the store's job, not the fan-out's: an update is published only after this
// process committed it, and a process that receives one applies and relays it without
// storing it again. A message lost in transit costs latency only: every client's sync step 1
// on (re)connect and every room load read the store. In-process implementation: local.ts;
// a Redis Streams one implements the same interface and passes contract.ts.

export type RoomMessage =
	/** A document update another process has committed to the store. */
	| { kind: 'update'; room: string; update: Uint8Array }
	/** An awareness update (y-protocols encoding) another process received or produced. */
	| { kind: 'awareness'; room: string; update: Uint8Array };

export type RoomHandler = (message: RoomMessage) => void;
export type Unsubscribe = () => void;

export interface Fanout {
	/** This process's id; messages it publishes are not delivered back to it. */
	readonly nodeId: string;
	/** False while the transport is unreachable (Redis down); absent: it never is. */
	readonly healthy?: boolean;
	/** Publishes an update this process has committed. Never rejects (a failure is logged). */
	publishUpdate(room: string, update: Uint8Array): Promise<void>;
	/** Publishes an awareness update of a room. Never rejects. */
	publishAwareness(room: string, update: Uint8Array): Promise<void>;
	/** Tells every other process to close the live sockets of a revoked token. Never rejects. */
	publishRevocation(jti: string): Promise<void>;
	/**
	 * Delivers other processes' messages for `room`, in their publish order, until the returned
	 * function is called. Resolves once subscribed: a store load started after it misses
	 * nothing (an update may arrive both ways; applying a Yjs update twice is harmless).
	 */
	subscribe(room: string, handler: RoomHandler): Promise<Unsubscribe>;
	/**
	 * Rooms whose messages this process may have missed (the transport was lost and is back).
	 * Optional: the in-process fan-out never loses anything.
	 */
	onGap?(handler: (room: string) => void): Unsubscribe;
	/** Revocations published by other processes. */
	onRevocation(handler: (jti: string) => void): Unsubscribe;
	close(): Promise<void>;
}
