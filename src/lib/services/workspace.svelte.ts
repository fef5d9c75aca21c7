// The screens' view of one open workspace: a thin runes adapter over WorkspaceRuntime
// (workspace-runtime.ts, framework-free), publishing what the UI reads as $state (status,
// lists, merges, undo, alerts). Screens reach it through a manager (src/lib/managers).
import { KIND_NAMES, SETTINGS_ID, todayIn, DEFAULT_TIME_ZONE, type Kind } from '$lib/domain';
import type { ReadResult, SubjectRef, WorkspaceDocs } from '$lib/doc';
import type { JoinedWorkspace } from '$lib/local/db';
import { ruleSettings, workspaceStart, type Alert, type RuleContext } from '$lib/rules';
import { alertsAbout, watchAlerts } from './alerts';
import { SchoolAlerts } from './school-alerts.svelte';
import { afterPaint } from './paint';
import type { Awareness } from 'y-protocols/awareness';
import { deviceService } from './device.svelte';
import { CREATE_ORIGIN } from '$lib/doc';
import { WorkspacePhotos } from './photos.svelte';
import { storageService } from './storage.svelte';
import type { MergedRecord } from './merge-tracker';
import type { RecordRow } from './record-rows';
import { WorkspaceRuntime, type RuntimeChange } from './workspace-runtime';
import type { WorkspaceSyncStatus } from './sync-status';

export type { SubjectKind, SubjectRef } from '$lib/doc';
export type { MergedRecord, RecordRow };

/** One kind's rows as published to the screens (undefined until they first change). */
class KindRows {
	rows = $state.raw<RecordRow[] | undefined>();
}

export class WorkspaceSession {
	readonly runtime: WorkspaceRuntime;
	#status = $state.raw<WorkspaceSyncStatus>({ state: 'local' });
	// One signal per kind, made up front: a keystroke in a household's notes must not re-run
	// every screen's derivation over plans, cases or members (one object for all kinds did,
	// ~40 ms a key at 4× on a county household's file; a SvelteMap still does for kinds it
	// has not been given yet, through its version signal).
	readonly #lists: Partial<Record<Kind, KindRows>> = Object.fromEntries(
		KIND_NAMES.map((k) => [k, new KindRows()])
	);
	#merged = $state.raw<MergedRecord[]>([]);
	#canUndo = $state(false);
	#canRedo = $state(false);
	#alerts = $state.raw<Alert[]>([]);
	#alertsReady = $state(false);
	#stops: (() => void)[] = [];
	/** Photos: the upload queue and the header's count (issue 9 #3). */
	readonly photos: WorkspacePhotos;
	#schoolAlerts: SchoolAlerts | undefined;

	private constructor(runtime: WorkspaceRuntime) {
		this.runtime = runtime;
		this.photos = new WorkspacePhotos(deviceService.db, runtime.info.id, () => {
			const url = this.relayUrl;
			const token = this.token;
			return url && token ? { url, token } : undefined;
		});
		this.#stops.push(() => this.photos.destroy());
		this.#stops.push(runtime.subscribe((change) => this.#publish(change)));
		// The first save on this device asks the browser to keep its data (storage.svelte.ts).
		this.#stops.push(
			runtime.docs.main.observeTransactions((_touched, origin) => {
				const mine = origin === runtime.docs.origin || origin === CREATE_ORIGIN;
				if (mine && !this.readonly) void storageService.askOnce();
			})
		);
		this.#publish('status');
		this.#publish('undo');
		this.#publish('merged');
		this.#stops.push(
			watchAlerts(
				runtime.docs,
				() => this.ruleContext(),
				(alerts) => {
					this.#alerts = alerts;
					this.#alertsReady = true;
				},
				// The rules' replica of the visit shards syncs with the relay itself.
				{ relay: () => runtime.relay }
			)
		);
	}

	/** Opens the workspace from IndexedDB; connects to its relay when it has one. */
	static async open(info: JoinedWorkspace, actor: () => string): Promise<WorkspaceSession> {
		return new WorkspaceSession(
			await WorkspaceRuntime.open(info, { actor, indexDb: deviceService.db })
		);
	}

	get info(): JoinedWorkspace {
		return this.runtime.info;
	}
	/** The document layer, for managers and services (routes and ui/ may not use it). */
	get docs(): WorkspaceDocs {
		return this.runtime.docs;
	}
	get status(): WorkspaceSyncStatus {
		return this.#status;
	}
	get readonly(): boolean {
		return this.info.role === 'viewer';
	}
	/** The shared name from the document (joiners learn it on first sync), else the local one. */
	get name(): string {
		const s = this.rows('settings').find((r) => r.id === SETTINGS_ID && !r.deleted);
		const name = s?.raw.name;
		return typeof name === 'string' && name ? name : this.info.name;
	}
	/**
	 * Whether this is a school's workspace (students first): the kind written in the document
	 * by its creator, else the device's own record (joiners learn the kind on first sync).
	 */
	get isSchool(): boolean {
		const kind = this.rows('settings').find((r) => r.id === SETTINGS_ID)?.raw.workspaceKind;
		return kind === undefined ? this.info.kind === 'school' : kind === 'school';
	}
	/** Who is writing on this device ("张老师 · d-…"), as decisions record it. */
	get actor(): string {
		return this.runtime.actor();
	}
	get relayUrl(): string | undefined {
		return this.runtime.relay?.url;
	}
	get token(): string | undefined {
		return this.runtime.relay?.token;
	}

	/** Every record of a kind in the main document, unvalidated, deleted ones included. */
	rows(kind: Kind): RecordRow[] {
		return this.#lists[kind]?.rows ?? this.runtime.rows(kind);
	}

	/** One record, validated (cached until it changes). */
	record<K extends Kind>(kind: K, id: string): ReadResult<K> | undefined {
		return this.docs.main.get(kind, id);
	}

	/** Records another device changed while this one had changes waiting (see merge-tracker). */
	/** Whether a record has values waiting for someone to pick (a same-field merge). */
	hasConflicts(kind: string, id: string): boolean {
		return this.docs.main.conflicts(kind, id).length > 0;
	}

	/** The top-level fields of a record that have values waiting for someone to pick. */
	conflictFields(kind: string, id: string): string[] {
		const fields = this.docs.main.conflicts(kind, id).map((c) => c.path[0] ?? '');
		return fields.filter((f, i) => f && fields.indexOf(f) === i);
	}

	get merged(): MergedRecord[] {
		return this.#merged;
	}
	dismissMerged(): void {
		this.runtime.dismissMerged();
	}

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
	/** The alerts about one subject (a household id stands for that household). */
	alertsFor(subject: SubjectRef | string): Alert[] {
		const s = typeof subject === 'string' ? { kind: 'household' as const, id: subject } : subject;
		return alertsAbout(this.#alerts, s);
	}

	/**
	 * Alerts about students, student plans and school pairings, started the first time a
	 * screen asks (a village workspace never pays for them).
	 */
	get schoolAlerts(): SchoolAlerts {
		if (!this.#schoolAlerts) {
			const alerts = (this.#schoolAlerts = new SchoolAlerts(this.docs));
			// After the screen that asked has painted: the rules open two visit shards and
			// validate every student, which would otherwise hold the first paint back.
			void afterPaint().then(() => alerts.start());
		}
		return this.#schoolAlerts;
	}

	/** Presence on the main document (see WorkspaceRuntime.awareness). */
	get awareness(): Awareness {
		return this.runtime.awareness;
	}

	/** Connects every open document of the family to a relay (and remembers it). */
	connect(url: string, token: string): void {
		this.runtime.connect(url, token);
		this.photos.kick(); // photos taken before sharing go up now
	}

	destroy(): void {
		for (const stop of this.#stops) stop();
		this.#schoolAlerts?.stop();
		this.runtime.destroy();
	}

	#publish(change: RuntimeChange): void {
		const rt = this.runtime;
		if (change === 'status') this.#status = rt.status;
		else if (change === 'undo') [this.#canUndo, this.#canRedo] = [rt.canUndo, rt.canRedo];
		else if (change === 'merged') this.#merged = rt.merged;
		else {
			const slot = this.#lists[change.rows];
			if (slot) slot.rows = rt.rows(change.rows);
		}
	}

	/**
	 * The rules' settings, today and the workspace's first day (deadlines count from it), for
	 * the alerts and the services that check a step (cases).
	 */
	ruleContext(): RuleContext {
		const stored = this.docs.main.get('settings', SETTINGS_ID);
		const values = stored?.ok ? stored.record : {};
		const settings = ruleSettings(values);
		const timeZone = settings.timeZone ?? DEFAULT_TIME_ZONE;
		const start = workspaceStart(this.docs.main.created('settings', SETTINGS_ID)?.at, timeZone);
		return { settings, today: todayIn(timeZone), ...(start ? { start } : {}) };
	}
}

/** Open sessions by workspace id: navigating between screens keeps the documents open. */
const sessions: Record<string, Promise<WorkspaceSession>> = {};

export function openSession(info: JoinedWorkspace, actor: () => string): Promise<WorkspaceSession> {
	let s = sessions[info.id];
	if (!s) {
		s = sessions[info.id] = WorkspaceSession.open(info, actor);
		s.catch(() => delete sessions[info.id]);
	}
	return s;
}

/** Closes a workspace's open session, if any (before its local copy is removed). */
export async function closeSession(workspaceId: string): Promise<void> {
	const s = sessions[workspaceId];
	if (!s) return;
	delete sessions[workspaceId];
	(await s.catch(() => undefined))?.destroy();
}

export { getSession, setSession } from './session-context';
