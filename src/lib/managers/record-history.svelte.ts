// The history screen of one record (…/<record>/history): who changed which field when, read
// from the document (doc/history.ts, so it works offline and shows every device's edits once
// they merged), newest first, and "restore this earlier value" written as a new edit (it
// joins the history itself; nothing earlier is rewritten).
import { actorName } from '$lib/domain';
import type { HistoryEntry, Json, ReadResult, WriteResult } from '$lib/doc';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

/** The kinds with a history screen today. */
export type HistoryKind = 'household' | 'student' | 'plan';

export interface HistoryFieldRow {
	path: string[];
	/** The value this entry wrote; undefined when it cleared the field. */
	value: Json | undefined;
	/** A long text: edited, no earlier value of its own. */
	text: boolean;
	/** The record holds this value now. */
	current: boolean;
}

export interface HistoryRow {
	key: string;
	at: string;
	who: string;
	action: HistoryEntry['action'];
	fields: HistoryFieldRow[];
}

function valueAt(raw: Record<string, unknown>, path: readonly string[]): unknown {
	let cur: unknown = raw;
	for (const seg of path)
		cur =
			typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[seg] : undefined;
	return cur;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class RecordHistoryManager {
	readonly kind: HistoryKind;
	readonly id: string;
	readonly #session: WorkspaceSession;
	#result = $state.raw<ReadResult | undefined>();
	#entries = $state.raw<HistoryEntry[]>([]);

	constructor(session: WorkspaceSession, kind: HistoryKind, id: string) {
		this.#session = session;
		this.kind = kind;
		this.id = id;
		this.#read(session.record(kind, id));
	}

	/** Follows the record (its history entries are routed to it); call from an `$effect`. */
	watch(): () => void {
		return this.#session.docs.main.observe(this.kind, this.id, (r) => this.#read(r));
	}

	get found(): boolean {
		return this.#result !== undefined;
	}

	/** The record's name, also for one that fails validation. */
	get title(): string | undefined {
		const raw = this.#result?.raw ?? {};
		for (const f of ['headName', 'name', 'title'])
			if (typeof raw[f] === 'string' && raw[f]) return raw[f];
		return undefined;
	}

	/** For a plan without a title: the name of whom it is for (the screen says "X的帮扶计划"). */
	get subjectName(): string | undefined {
		const raw = this.#result?.raw ?? {};
		const kind = raw['subjectKind'];
		const sid = raw['subjectId'];
		if (this.kind !== 'plan' || typeof kind !== 'string' || typeof sid !== 'string') return;
		const subject = this.#session.docs.main.raw(kind, sid) ?? {};
		const name = subject['name'] ?? subject['headName'];
		return typeof name === 'string' && name ? name : undefined;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	/** Newest first. */
	get rows(): HistoryRow[] {
		const raw = this.#result?.raw ?? {};
		return [...this.#entries].reverse().map((e) => ({
			key: e.key,
			at: e.at,
			who: actorName(e.by),
			action: e.action,
			fields: e.fields.map((f) => ({
				path: f.path,
				value: f.value,
				text: f.text === true,
				current: f.text === true || same(valueAt(raw, f.path), f.value)
			}))
		}));
	}

	/** Writes an earlier value back, as a new edit by this device's person. */
	restore(path: string[], value: Json | undefined): WriteResult {
		return this.#session.docs.main.restoreValue(this.kind, this.id, path, value);
	}

	#read(r: ReadResult | undefined) {
		this.#result = r;
		this.#entries = r ? this.#session.docs.main.history(this.kind, this.id) : [];
	}
}
