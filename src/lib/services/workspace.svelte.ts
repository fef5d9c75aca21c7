// Owns one open workspace: its family of Y.Docs, their IndexedDB persistence and relay
// connections, and the reactive state the screens read (lists, alerts, sync status).
// Components never touch Yjs providers or Dexie; they call this service.
import { getContext, setContext } from 'svelte';
import { KINDS, KIND_NAMES, SETTINGS_ID, todayIn, DEFAULT_TIME_ZONE, type Kind } from '$lib/domain';
import { WorkspaceDocs, type JsonObject, type ReadResult } from '$lib/doc';
import { persistDoc, type PersistedDoc } from '$lib/local/persistence';
import type { JoinedWorkspace } from '$lib/local/db';
import { ruleSettings, type Alert, type RuleContext } from '$lib/rules';
import { watchAlerts } from './alerts';
import { deviceService } from './device.svelte';
import { householdListRow, writeHouseholdIndex } from './list-index';
import { zhCollator } from '$lib/i18n.svelte';
import { SyncConnection, type SyncStatus } from '$lib/sync/connection';
import { combineStatus, type WorkspaceSyncStatus } from './sync-status';
import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { SchoolAlerts } from './school-alerts.svelte';

export interface MergedRecord {
	kind: string;
	id: string;
}

/** A record as stored, for lists: shown at once, validated when opened. */
export interface RecordRow {
	id: string;
	raw: JsonObject;
	deleted: boolean;
}

export class WorkspaceSession {
	readonly info: JoinedWorkspace;
	readonly docs: WorkspaceDocs;
	#persisted: PersistedDoc[] = [];
	// Bookkeeping, never rendered: what the UI reads is in $state below.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#connections = new Map<string, SyncConnection>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#openDocs = new Map<string, Y.Doc>();
	#relay: { url: string; token: string } | undefined;
	#statuses = $state.raw<Record<string, SyncStatus>>({});
	#lists = $state.raw<Partial<Record<Kind, RecordRow[]>>>({});
	#alertsReady = $state(false);
	#merged = $state.raw<MergedRecord[]>([]);
	#canUndo = $state(false);
	#canRedo = $state(false);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- collected, then published
	#mergedPending = new Map<string, MergedRecord>();
	#alerts = $state.raw<Alert[]>([]);
	#stops: (() => void)[] = [];
	#awareness: Awareness | undefined;
	#schoolAlerts: SchoolAlerts | undefined;

	private constructor(info: JoinedWorkspace, docs: WorkspaceDocs) {
		this.info = info;
		this.docs = docs;
	}

	/** Opens the workspace from IndexedDB; connects to its relay when it has one. */
	static async open(info: JoinedWorkspace, actor: () => string): Promise<WorkspaceSession> {
		// The main doc opens before the session exists; shards open later, through the session.
		const ready: { session?: WorkspaceSession } = {};
		const early: [Y.Doc, string, PersistedDoc][] = [];
		const docs = await WorkspaceDocs.open({
			workspaceId: info.id,
			actor,
			opener: async (doc, { name, room }) => {
				const persisted = await persistDoc(info.id, name, doc);
				if (ready.session) ready.session.#attach(doc, room, persisted);
				else early.push([doc, room, persisted]);
			}
		});
		const session = (ready.session = new WorkspaceSession(info, docs));
		if (info.relayUrl && info.token) session.#relay = { url: info.relayUrl, token: info.token };
		for (const [doc, room, persisted] of early) session.#attach(doc, room, persisted);
		session.#nameWorkspace();
		session.#watch();
		return session;
	}

	get status(): WorkspaceSyncStatus {
		return combineStatus(Object.values(this.#statuses));
	}

	get readonly(): boolean {
		return this.info.role === 'viewer';
	}

	/** The shared name from the document (joiners learn it on first sync), else the local one. */
	get name(): string {
		const s = this.#lists.settings?.find((r) => r.id === SETTINGS_ID && !r.deleted);
		const name = s?.raw.name;
		return typeof name === 'string' && name ? name : this.info.name;
	}

	get relayUrl(): string | undefined {
		return this.#relay?.url;
	}

	get token(): string | undefined {
		return this.#relay?.token;
	}

	/** Every record of a kind in the main document, unvalidated, deleted ones included. */
	rows(kind: Kind): RecordRow[] {
		return this.#lists[kind] ?? [];
	}

	/** One record, validated (cached until it changes). */
	record<K extends Kind>(kind: K, id: string): ReadResult<K> | undefined {
		return this.docs.main.get(kind, id);
	}

	/**
	 * Records that other devices changed while this one had changes of its own waiting: what
	 * was merged, shown once everything is synced again.
	 */
	get merged(): MergedRecord[] {
		return this.#merged;
	}

	dismissMerged(): void {
		this.#merged = [];
	}

	/** Whether this device has an edit of its own to undo / redo (in any document). */
	get canUndo(): boolean {
		return this.#canUndo;
	}

	get canRedo(): boolean {
		return this.#canRedo;
	}

	undo(): void {
		this.docs.undo();
	}

	redo(): void {
		this.docs.redo();
	}

	/** False until the rules have looked at every record once after opening. */
	get alertsReady(): boolean {
		return this.#alertsReady;
	}

	get alerts(): Alert[] {
		return this.#alerts;
	}

	alertsFor(householdId: string): Alert[] {
		return this.#alerts.filter((a) => a.householdId === householdId);
	}

	/**
	 * Presence on the main document (who is on which plan, in which field): y-protocols
	 * awareness, sent through the main document's relay connection once the workspace is shared.
	 */
	get awareness(): Awareness {
		this.#awareness ??= new Awareness(this.docs.main.doc);
		return this.#awareness;
	}

	/**
	 * Alerts about students, student plans and school pairings, started the first time a
	 * screen asks (a village workspace never pays for them).
	 */
	get schoolAlerts(): SchoolAlerts {
		if (!this.#schoolAlerts) {
			const alerts = (this.#schoolAlerts = new SchoolAlerts(this.docs));
			setTimeout(() => void alerts.start(), 0);
		}
		return this.#schoolAlerts;
	}

	/** Connects every open document of the family to a relay (and remembers it). */
	connect(url: string, token: string): void {
		this.#relay = { url, token };
		for (const [room, doc] of this.#openDocs) this.#connect(doc, room);
	}

	destroy(): void {
		for (const stop of this.#stops) stop();
		for (const c of this.#connections.values()) c.destroy();
		for (const p of this.#persisted) void p.destroy();
		this.#awareness?.destroy();
		this.#schoolAlerts?.stop();
		this.docs.destroy();
	}

	/** The creator writes the workspace's name and kind into the document, for those who join. */
	#nameWorkspace(): void {
		if (this.info.role !== 'owner' || this.docs.main.get('settings', SETTINGS_ID)) return;
		const workspaceKind = (
			{ school: 'school', village: 'work_group', pairing: 'school_pairing' } as const
		)[this.info.kind];
		this.docs.main.create('settings', { name: this.info.name, workspaceKind }, { id: SETTINGS_ID });
	}

	#attach(doc: Y.Doc, room: string, persisted: PersistedDoc): void {
		this.#persisted.push(persisted);
		// Each store's UndoManager updates its stacks in its own afterTransaction handler,
		// registered before this one, so the stacks are current here.
		const stacks = () => {
			const stores = this.docs.stores();
			this.#canUndo = stores.some((s) => s.undo.undoStack.length > 0);
			this.#canRedo = stores.some((s) => s.undo.redoStack.length > 0);
		};
		doc.on('afterTransaction', stacks);
		this.#stops.push(() => doc.off('afterTransaction', stacks));
		this.#openDocs.set(room, doc);
		if (this.#relay) this.#connect(doc, room);
	}

	#connect(doc: Y.Doc, room: string): void {
		if (!this.#relay || this.#connections.has(room)) return;
		if (this.#connections.size === 0) {
			this.#watchNetwork();
			this.#watchMerges();
		}
		const conn = new SyncConnection({
			relayUrl: this.#relay.url,
			room,
			token: this.#relay.token,
			doc,
			awareness: room === this.info.id ? this.awareness : undefined
		});
		this.#connections.set(room, conn);
		this.#stops.push(conn.subscribe((s) => (this.#statuses = { ...this.#statuses, [room]: s })));
	}

	/**
	 * A merge worth telling about: another device changed a record that this device edited
	 * while its changes were not yet on the relay (offline, or waiting). Those records are
	 * remembered until such a change arrives, however late the other device comes back;
	 * the notice shows once everything is synced.
	 */
	#watchMerges(): void {
		const fromRelay = (origin: unknown) =>
			[...this.#connections.values()].some((c) => c.provider === origin);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
		const editedAway = new Set<string>();
		const flush = () => {
			if (this.status.state !== 'synced' || this.#mergedPending.size === 0) return;
			this.#merged = [...this.#merged, ...this.#mergedPending.values()];
			this.#mergedPending.clear();
		};
		this.#stops.push(
			this.docs.main.observeTransactions((touched, origin) => {
				const state = this.status.state;
				if (origin === this.docs.origin && state !== 'synced' && state !== 'local') {
					for (const [kind, { ids }] of touched)
						for (const id of ids) editedAway.add(`${kind}/${id}`);
				} else if (fromRelay(origin)) {
					for (const [kind, { ids }] of touched)
						for (const id of ids) {
							const key = `${kind}/${id}`;
							if (!editedAway.delete(key)) continue;
							this.#mergedPending.set(key, { kind, id });
						}
					queueMicrotask(flush);
				}
			})
		);
		this.#stops.push(
			$effect.root(() => {
				$effect(flush);
			})
		);
	}

	/** Phones report losing the network long before a dead socket times out. */
	#watchNetwork(): void {
		if (typeof window === 'undefined') return;
		const lost = () => this.#connections.forEach((c) => c.networkLost());
		const back = () => this.#connections.forEach((c) => c.networkBack());
		window.addEventListener('offline', lost);
		window.addEventListener('online', back);
		this.#stops.push(() => {
			window.removeEventListener('offline', lost);
			window.removeEventListener('online', back);
		});
	}

	#ruleContext(): RuleContext {
		const stored = this.docs.main.get('settings', SETTINGS_ID);
		const values = stored?.ok ? stored.record : {};
		const settings = ruleSettings(values);
		return { settings, today: todayIn(settings.timeZone ?? DEFAULT_TIME_ZONE) };
	}

	/**
	 * Lists are raw rows (no validation) so the first screen paints at once; a record is
	 * validated when it is opened, and the rules validate in the background (alerts.ts).
	 */
	#watch(): void {
		const main = this.docs.main;
		for (const kind of KIND_NAMES) {
			if (KINDS[kind].home !== 'main') continue;
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- published as a new array
			const rows = new Map<string, RecordRow>();
			for (const id of main.ids(kind)) rows.set(id, this.#row(kind, id));
			const publish = () => (this.#lists = { ...this.#lists, [kind]: [...rows.values()] });
			publish();
			this.#stops.push(
				main.observeKind(kind, (ids) => {
					for (const id of ids) rows.set(id, this.#row(kind, id));
					publish();
				})
			);
		}
		this.#stops.push(this.#keepHouseholdIndex());
		this.#stops.push(
			watchAlerts(
				this.docs,
				() => this.#ruleContext(),
				(alerts) => {
					this.#alerts = alerts;
					this.#alertsReady = true;
				}
			)
		);
	}

	/**
	 * Keeps the household list's first-paint copy on the device (list-index.ts): written once
	 * on opening, then a moment after the list last changed.
	 */
	#keepHouseholdIndex(): () => void {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const write = () => {
			timer = undefined;
			const rows = this.rows('household')
				.filter((r) => !r.deleted)
				.map((r) => householdListRow(r.id, r.raw))
				.sort((a, b) => zhCollator.compare(a.name, b.name));
			void writeHouseholdIndex(deviceService.db, this.info.id, rows).catch(() => {
				// The index is a convenience; the documents are the truth.
			});
		};
		const schedule = () => {
			if (timer === undefined) timer = setTimeout(write, 2_000);
		};
		// Right after opening: the next open should not have to wait for the documents, even
		// if this one is closed within seconds.
		write();
		const stop = this.docs.main.observeKind('household', schedule);
		return () => {
			stop();
			if (timer !== undefined) clearTimeout(timer);
		};
	}

	#row(kind: Kind, id: string): RecordRow {
		const raw = this.docs.main.raw(kind, id) ?? { id };
		return { id, raw, deleted: typeof raw.deletedAt === 'string' };
	}
}

/** Open sessions by workspace id: navigating between screens keeps the documents open. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, never rendered
const sessions = new Map<string, Promise<WorkspaceSession>>();

export function openSession(info: JoinedWorkspace, actor: () => string): Promise<WorkspaceSession> {
	let s = sessions.get(info.id);
	if (!s) {
		s = WorkspaceSession.open(info, actor);
		sessions.set(info.id, s);
		s.catch(() => sessions.delete(info.id));
	}
	return s;
}

const KEY = Symbol('workspace-session');

export function setSession(get: () => WorkspaceSession): void {
	setContext(KEY, get);
}

export function getSession(): WorkspaceSession {
	const get = getContext<(() => WorkspaceSession) | undefined>(KEY);
	if (!get) throw new Error('getSession() outside a workspace route');
	return get();
}
