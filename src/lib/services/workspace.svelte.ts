// Owns one open workspace: its family of Y.Docs, their IndexedDB persistence and relay
// connections, and the reactive state the screens read (lists, alerts, sync status).
// Components never touch Yjs providers or Dexie; they call this service.
import { getContext, setContext } from 'svelte';
import { KINDS, KIND_NAMES, SETTINGS_ID, todayIn, DEFAULT_TIME_ZONE, type Kind } from '$lib/domain';
import { WorkspaceDocs, type ReadResult } from '$lib/doc';
import { persistDoc, type PersistedDoc } from '$lib/local/persistence';
import type { JoinedWorkspace } from '$lib/local/db';
import { RuleEngine, ruleSettings, type Alert, type RuleContext } from '$lib/rules';
import { SyncConnection, type SyncStatus } from '$lib/sync/connection';
import { combineStatus, type WorkspaceSyncStatus } from './sync-status';
import type * as Y from 'yjs';

const LAST_VISIT_MAP = 's:lastVisit';

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
	#lists = $state.raw<Partial<Record<Kind, ReadResult[]>>>({});
	#alerts = $state.raw<Alert[]>([]);
	#stops: (() => void)[] = [];

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
		const s = this.#lists.settings?.find((r) => r.id === SETTINGS_ID);
		const name = s?.raw.name;
		return typeof name === 'string' && name ? name : this.info.name;
	}

	get relayUrl(): string | undefined {
		return this.#relay?.url;
	}

	get token(): string | undefined {
		return this.#relay?.token;
	}

	/** Every record of a kind in the main document (invalid ones included, marked). */
	list<K extends Kind>(kind: K): ReadResult<K>[] {
		return (this.#lists[kind] ?? []) as ReadResult<K>[];
	}

	get alerts(): Alert[] {
		return this.#alerts;
	}

	alertsFor(householdId: string): Alert[] {
		return this.#alerts.filter((a) => a.householdId === householdId);
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
		this.#openDocs.set(room, doc);
		if (this.#relay) this.#connect(doc, room);
	}

	#connect(doc: Y.Doc, room: string): void {
		if (!this.#relay || this.#connections.has(room)) return;
		if (this.#connections.size === 0) this.#watchNetwork();
		const conn = new SyncConnection({
			relayUrl: this.#relay.url,
			room,
			token: this.#relay.token,
			doc
		});
		this.#connections.set(room, conn);
		this.#stops.push(conn.subscribe((s) => (this.#statuses = { ...this.#statuses, [room]: s })));
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

	/** Keeps the lists and the rules current: one household re-evaluated per edit. */
	#watch(): void {
		const main = this.docs.main;
		const lists: Partial<Record<Kind, ReadResult[]>> = {};
		for (const kind of KIND_NAMES) {
			if (KINDS[kind].home !== 'main') continue;
			lists[kind] = main.list(kind);
			this.#stops.push(
				main.observeKind(kind, () => (this.#lists = { ...this.#lists, [kind]: main.list(kind) }))
			);
		}
		this.#lists = lists;
		const ok = <K extends Kind>(r: ReadResult<K> | undefined) =>
			r?.ok && !r.deleted ? r.record : undefined;
		const engine = new RuleEngine(this.#ruleContext());
		const records = <K extends Kind>(kind: K) =>
			main.list(kind).flatMap((r) => (r.ok ? [r.record] : []));
		engine.load({
			households: records('household'),
			cases: records('case'),
			plans: records('plan'),
			lastVisitByHousehold: this.docs.lastVisits()
		});
		this.#alerts = engine.alerts();
		const publish = () => (this.#alerts = engine.alerts());
		this.#stops.push(
			main.observeKind('household', (ids) => {
				for (const id of ids) engine.updateHousehold(id, ok(main.get('household', id)));
				publish();
			}),
			main.observeKind('case', (ids) => {
				for (const id of ids) {
					const c = ok(main.get('case', id));
					if (c) engine.updateCase(c);
				}
				publish();
			}),
			main.observeKind('plan', (ids) => {
				for (const id of ids) {
					const p = ok(main.get('plan', id));
					if (p) engine.updatePlan(p);
				}
				publish();
			}),
			main.observeKind('settings', () => {
				engine.setContext(this.#ruleContext());
				publish();
			})
		);
		const summary = main.doc.getMap(LAST_VISIT_MAP);
		const onVisit = (event: Y.YMapEvent<unknown>) => {
			const last = this.docs.lastVisits();
			for (const key of event.keysChanged)
				engine.updateLastVisit(key.split('/', 1)[0] ?? key, last);
			publish();
		};
		summary.observe(onVisit);
		this.#stops.push(() => summary.unobserve(onVisit));
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
