// The client's connection service: one Y.Doc <-> one relay room, through the stock
// y-websocket WebsocketProvider. Framework-free: the Svelte layer subscribes to `status`.
// - Reconnects with jittered backoff (backoff.ts) instead of y-websocket's fixed schedule.
// - Says `unauthorised` and stops retrying when the token is revoked or expired (close code
//   4401 on a live socket), `limited` at a relay limit (a close code, or upgrades refused
//   while the relay answers: an HTTP 429 that browsers hide, like 401/403; session-probe.ts).
// - Counts local changes not yet durable on the relay (confirmations.ts).
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { backoffDelay } from './backoff.ts';
import { RelayConfirmations } from './confirmations.ts';
import { limitCloseReason, parseRoomName, tokenCloseReason } from './protocol.ts';
import type {
	ConnectionLimit,
	SyncConnectionOptions,
	SyncStatus,
	UnauthorisedReason
} from './connection-types.ts';
import { judgeNeverOpened, RefusedUpgrades } from './session-probe.ts';
import { watchRelaySync } from './relay-watch.ts';
import { httpBaseOf } from './urls.ts';

export type * from './connection-types.ts';

type Listener = (status: SyncStatus) => void;

/** How long to wait for pending recounts to settle: coalesces a burst of relayed updates. */
const RECOUNT_DELAY_MS = 0;

export class SyncConnection {
	readonly provider: WebsocketProvider;
	readonly room: string;
	#opts: SyncConnectionOptions;
	#listeners = new Set<Listener>();
	#status: SyncStatus;
	#confirm = new RelayConfirmations();
	#attempt = 0;
	#opened = false;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#recountTimer: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;
	#offlineSince: Date | null = null;
	#refused = new RefusedUpgrades();

	constructor(opts: SyncConnectionOptions) {
		if (!parseRoomName(opts.room)) throw new Error(`invalid room name: ${opts.room}`);
		this.#opts = opts;
		this.room = opts.room;
		// The state the doc already has (e.g. offline edits loaded from IndexedDB) must be
		// confirmed too; one entry stands for all of it, unless the relay held it already.
		const known = opts.confirmed?.load(opts.room);
		if (known) this.#confirm.restore(known);
		if (opts.countOpeningState !== false && opts.doc.store.clients.size > 0) {
			this.#confirm.addLocal(Y.encodeStateAsUpdate(opts.doc), Date.now(), false);
			this.#confirm.recount();
		}
		this.#status = { state: 'connecting', pending: this.#confirm.pending };
		this.provider = new WebsocketProvider(opts.relayUrl, opts.room, opts.doc, {
			connect: false,
			params: { token: opts.token },
			disableBc: opts.disableBc ?? false,
			awareness: opts.awareness,
			...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {}),
			// We decide about reconnecting ourselves (see #onClose).
			shouldReconnect: () => false
		});
		watchRelaySync(this.provider, this.#confirm, () => this.#scheduleRecount());
		opts.doc.on('update', this.#onLocalUpdate);
		this.provider.on('status', this.#onProviderStatus);
		this.provider.on('sync', this.#onSynced);
		this.provider.on('connection-close', this.#onClose);
		if (opts.connect ?? true) this.connect();
	}

	get status(): SyncStatus {
		return this.#status;
	}

	get pending(): number {
		return this.#confirm.pending;
	}

	/** What the relay is known to hold of this room (an encoded Yjs snapshot, confirmations.ts). */
	get confirmedState(): Uint8Array {
		return this.#confirm.confirmedState();
	}

	/** Calls `listener` now and on every change; returns the unsubscribe function. */
	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		listener(this.#status);
		return () => this.#listeners.delete(listener);
	}

	connect(): void {
		this.#stopped = false;
		this.#clearRetry();
		if (this.#status.state === 'stopped' || this.#status.state === 'unauthorised')
			this.#set({ state: 'connecting', pending: this.pending });
		this.provider.connect();
	}

	/** The browser's `offline` event: a dead mobile socket can look open for minutes; drop it. */
	networkLost(): void {
		if (this.#stopped || this.#status.state === 'unauthorised') return;
		this.provider.disconnect();
	}

	/** The network is back (`online` event): try at once instead of waiting out the backoff. */
	networkBack(): void {
		if (this.#stopped || ['unauthorised', 'connected'].includes(this.#status.state)) return;
		this.#attempt = 0;
		this.#clearRetry();
		this.provider.connect();
	}

	/** Use a new token (e.g. after a fresh invite) and reconnect. */
	setToken(token: string): void {
		this.#opts.token = token;
		this.provider.params = { ...this.provider.params, token };
		this.#attempt = 0;
		this.connect();
	}

	disconnect(): void {
		this.#stopped = true;
		this.#clearRetry();
		this.provider.disconnect();
		this.#set({ state: 'stopped', pending: this.pending });
	}

	destroy(): void {
		this.disconnect();
		if (this.#recountTimer) clearTimeout(this.#recountTimer);
		this.#opts.doc.off('update', this.#onLocalUpdate);
		this.provider.destroy();
		this.#listeners.clear();
	}

	#set(status: SyncStatus): void {
		this.#status = status;
		for (const l of this.#listeners) l(status);
	}

	/** Re-emits the current state with a fresh pending count. */
	#refresh(): void {
		const s = this.#status;
		const pending = this.pending;
		if (s.state === 'connected') {
			this.#set({ ...s, pending, synced: this.provider.synced && pending === 0 });
		} else if (s.pending !== pending) this.#set({ ...s, pending });
	}

	#onLocalUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === this.provider) return;
		this.#confirm.addLocal(update);
		this.#refresh();
	};

	#scheduleRecount(): void {
		if (this.#recountTimer) return;
		this.#recountTimer = setTimeout(() => {
			this.#recountTimer = null;
			this.#confirm.recount();
			this.#opts.confirmed?.save(this.room, this.#confirm.confirmedState());
			this.#refresh();
		}, RECOUNT_DELAY_MS);
	}

	#onProviderStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
		if (status === 'connected') {
			this.#opened = true;
			this.#refused.count = 0;
			this.#offlineSince = null;
			this.#set({ state: 'connected', pending: this.pending, synced: false });
		}
	};

	#onSynced = (synced: boolean) => {
		if (synced) this.#attempt = 0;
		this.#refresh();
	};

	#onClose = (event: CloseEvent | null) => {
		// Our policy, not y-websocket's: it would retry on its own un-jittered schedule.
		this.provider.shouldConnect = false;
		const opened = this.#opened;
		this.#opened = false;
		if (this.#stopped) return;
		const tokenClosed = event ? tokenCloseReason(event) : null;
		if (tokenClosed) return this.#unauthorised(tokenClosed);
		const delay = backoffDelay(this.#attempt++, this.#opts.backoff);
		const limit = event ? limitCloseReason(event) : null;
		if (limit) return this.#limited(limit, delay);
		if (opened) {
			this.#offline(delay);
			this.#scheduleRetry(delay);
			return;
		}
		// Never opened: the upgrade may have been refused (401/403/429), which the socket API
		// hides; the relay's session answer tells a refusal, a limit and offline apart. Until
		// it comes, "offline" (a "limited" already shown stays: no flicker between retries).
		if (this.#status.state !== 'limited') this.#offline(delay);
		const { apiUrl, relayUrl, token, fetch } = this.#opts;
		const target = { apiUrl: apiUrl ?? httpBaseOf(relayUrl), room: this.room, token, fetch };
		void judgeNeverOpened(target, this.#refused).then((verdict) => {
			if (this.#stopped || this.#opened) return;
			if (verdict === 'limited') return this.#limited('connections', delay);
			if (verdict !== 'offline') return this.#unauthorised(verdict);
			this.#offline(delay);
			this.#scheduleRetry(delay);
		});
	};

	#offline(retryInMs: number): void {
		const since = (this.#offlineSince ??= new Date());
		this.#set({ state: 'offline', since, pending: this.pending, retryInMs });
	}

	/** Reachable, but the relay is not taking this connection now: retried with backoff. */
	#limited(reason: ConnectionLimit, retryInMs: number): void {
		const since = (this.#offlineSince ??= new Date());
		this.#set({ state: 'limited', reason, since, pending: this.pending, retryInMs });
		this.#scheduleRetry(retryInMs);
	}

	#scheduleRetry(delay: number): void {
		this.#clearRetry();
		if (this.#stopped || this.#status.state === 'unauthorised') return;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			if (!this.#stopped) this.provider.connect();
		}, delay);
	}

	#clearRetry(): void {
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
	}

	#unauthorised(reason: UnauthorisedReason): void {
		this.#clearRetry();
		this.provider.shouldConnect = false;
		this.#set({ state: 'unauthorised', reason, pending: this.pending });
	}
}

/** ws://host:port[/prefix]/sync -> http://host:port[/prefix] (see urls.ts). */
export const apiBaseFrom = httpBaseOf;
