// The rules' own replica of the visit shards, held in the rules' thread (rules.worker.ts):
// loading a year's shard is one Y.applyUpdate of megabytes plus the document layer's change
// routing of every visit (~5 s of main thread at 4× for a county), which Yjs cannot split, so
// the page no longer opens the shards to feed the rules. Each replica is read from the
// shard's own y-indexeddb database (the same stored format; y-indexeddb lets several
// instances hold one database, as two tabs do), learns of this page's edits from the updates
// it forwards, and, once the workspace is shared, syncs with the relay itself, so this
// device's shards stay synced without the page opening them.
import * as Y from 'yjs';
import type { Visit } from '$lib/domain';
import { RecordReader } from '$lib/doc/record-reader';
import { rawJson } from '$lib/doc/raw-json';
import { roomName } from '$lib/doc/layout';
import { persistDoc } from '$lib/local/persistence';
import { SyncConnection } from '$lib/sync/connection';
import type { RuleEngineHost } from '$lib/rules/engine-host';

/** Where the shards sync: the workspace's relay and this device's token. */
export interface ShardRelay {
	url: string;
	token: string;
}

/** Visits handed to the engine per call while loading (strings: parsed and validated there). */
const BATCH = 500;

/** Origin of the updates the page forwards while the replica is not connected. */
const FROM_PAGE = Symbol('from the page');

interface Replica {
	doc: Y.Doc;
	reader?: RecordReader;
	conn?: SyncConnection;
	/** Updates the page forwarded before the stored state was read. */
	early: Uint8Array[];
	/** True while applying one: the page has stored it (and sends it, when shared). */
	forwarding: boolean;
	stops: (() => unknown)[];
}

const readOnly = {
	origin: {},
	actor: () => 'rules',
	now: () => new Date(),
	canWrite: () => false
};

export class VisitReplicas {
	readonly #host: RuleEngineHost;
	readonly #replicas = new Map<string, Replica>();
	#loaded = false;
	#closed = false;

	constructor(host: RuleEngineHost) {
		this.#host = host;
	}

	/**
	 * Loads the shards (`visits-2026`, …) from the device into the engine, replacing the
	 * last-visit summary (`finishVisits`); then follows each replica: an edit forwarded by the
	 * page or relayed re-evaluates its household, and `changed` is told so the page takes the
	 * alerts. Without IndexedDB (node) a replica starts empty and only learns forwarded edits.
	 */
	async open(
		workspaceId: string,
		names: readonly string[],
		changed: () => void,
		relay?: ShardRelay
	): Promise<void> {
		for (const name of names)
			if (!this.#replicas.has(name))
				this.#replicas.set(name, { doc: new Y.Doc(), early: [], forwarding: false, stops: [] });
		for (const name of names) {
			const r = this.#replicas.get(name)!;
			if (typeof indexedDB !== 'undefined') {
				// What the page forwards it has stored itself.
				const persisted = await persistDoc(workspaceId, name, r.doc, () => r.forwarding);
				r.stops.push(() => persisted.destroy());
			}
			if (this.#closed) return;
			for (const u of r.early.splice(0)) this.#fromPage(r, u);
			r.reader = new RecordReader(r.doc, name, readOnly);
		}
		for (const r of this.#replicas.values()) {
			const reader = r.reader!;
			const batch: string[] = [];
			for (const id of reader.doc.getMap('r:visit').keys()) {
				const json = rawJson(reader, 'visit', id);
				if (json) batch.push(json);
				if (batch.length >= BATCH) this.#host.addVisits(batch.splice(0));
			}
			this.#host.addVisits(batch);
		}
		this.#host.finishVisits();
		this.#loaded = true;
		for (const [name, r] of this.#replicas) {
			const reader = r.reader!;
			r.stops.push(
				reader.observeKind('visit', (ids) => {
					for (const id of ids) {
						const v = reader.get('visit', id);
						this.#host.update('visit', id, v?.ok && !v.deleted ? (v.record as Visit) : undefined);
					}
					changed();
				})
			);
			if (relay) this.#connect(r, roomName(workspaceId, name), relay);
		}
	}

	/** An update the page made or received in an open shard (y-websocket's update bytes). */
	apply(name: string, update: Uint8Array): void {
		const r = this.#replicas.get(name);
		if (!r) return;
		if (r.reader || this.#loaded) this.#fromPage(r, update);
		else r.early.push(update);
	}

	#fromPage(r: Replica, update: Uint8Array) {
		r.forwarding = true;
		try {
			// With the provider's origin y-websocket does not send it again: the page's own
			// connection has (the page connects every shard it opens).
			Y.applyUpdate(r.doc, update, r.conn?.provider ?? FROM_PAGE);
		} finally {
			r.forwarding = false;
		}
	}

	close(): void {
		this.#closed = true;
		for (const r of this.#replicas.values()) {
			for (const stop of r.stops.splice(0)) void stop();
			r.reader?.destroy();
			r.doc.destroy();
		}
		this.#replicas.clear();
	}

	#connect(r: Replica, room: string, relay: ShardRelay) {
		// No BroadcastChannel: the page's edits come forwarded, and the page's open shards
		// have their own connection.
		const conn = new SyncConnection({
			relayUrl: relay.url,
			room,
			token: relay.token,
			doc: r.doc,
			disableBc: true,
			// Its status is not shown: the page counts this device's waiting changes.
			countOpeningState: false
		});
		r.conn = conn;
		// A worker's global scope fires the network events too.
		const net = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
		const lost = () => conn.networkLost();
		const back = () => conn.networkBack();
		net.addEventListener?.('offline', lost);
		net.addEventListener?.('online', back);
		r.stops.push(() => {
			net.removeEventListener?.('offline', lost);
			net.removeEventListener?.('online', back);
			conn.destroy();
		});
	}
}
