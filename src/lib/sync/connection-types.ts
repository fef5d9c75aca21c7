// The shapes a SyncConnection (connection.ts) is made with and reports: its options, the
// status the header shows, and where a room's relay-confirmed state is kept.
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { BackoffOptions } from './backoff.ts';
import type { LimitReason } from './protocol.ts';

export type { LimitReason };

/**
 * Why the relay is not taking this connection: a limit it closed a live socket at
 * (LimitReason, a close code), or `connections`: upgrades refused while the relay answers and
 * takes our token (an HTTP 429 the browser hides: session-probe.ts).
 */
export type ConnectionLimit = LimitReason | 'connections';

export type UnauthorisedReason = 'revoked' | 'expired' | 'forbidden' | 'invalid';

export type SyncStatus =
	/** First attempt since connect() is under way. */
	| { state: 'connecting'; pending: number }
	/** Socket open; `synced` once the first exchange finished and nothing is pending. */
	| { state: 'connected'; pending: number; synced: boolean }
	/** Lost or never reached; retrying with backoff. `since`: when the connection was lost. */
	| { state: 'offline'; since: Date; pending: number; retryInMs: number }
	/**
	 * The relay closed the socket at one of its limits (room or workspace size, rate): not
	 * "offline"; retried with backoff (a rate passes, an operator may raise a quota).
	 */
	| { state: 'limited'; reason: ConnectionLimit; since: Date; pending: number; retryInMs: number }
	/** The relay refused the token for good; no more retries until a new token is given. */
	| { state: 'unauthorised'; reason: UnauthorisedReason; pending: number }
	/** disconnect() / destroy() was called. */
	| { state: 'stopped'; pending: number };

export type SyncConnectionOptions = {
	/** ws(s)://host[:port]/sync */
	relayUrl: string;
	/** `workspaceId` or `workspaceId/shard`. */
	room: string;
	token: string;
	doc: Y.Doc;
	awareness?: Awareness;
	/** Tests in one process must disable BroadcastChannel or the relay is bypassed. */
	disableBc?: boolean;
	WebSocketPolyfill?: typeof WebSocket;
	/** Where /api lives; derived from relayUrl (ws->http, without /sync) when absent. */
	apiUrl?: string;
	fetch?: typeof fetch;
	backoff?: BackoffOptions;
	/** Defaults to true. */
	connect?: boolean;
	/**
	 * Where this room's relay-confirmed state is kept between connections (the device), so a
	 * document reopened offline shows nothing waiting unless something is.
	 */
	confirmed?: ConfirmedStateStore;
	/**
	 * Defaults to true: the state the document opened with counts as one waiting change until
	 * the relay holds it. Counting encodes the whole document once (seconds for a visit shard):
	 * a copy whose status nobody shows (the rules' replica of the shards) passes false.
	 */
	countOpeningState?: boolean;
};

export interface ConfirmedStateStore {
	load(room: string): Uint8Array | undefined;
	save(room: string, state: Uint8Array): void;
}
