// Records by subject: per document and kind (visits in each yearly shard, plans and cases in
// the main document) an index subject -> record ids, built once from the raw records and
// kept by the document's change events, so a household's (or a student's) visits are found
// without validating the whole year.
import type { RecordOf, Visit } from '../domain';
import type { RecordReader } from './record-reader';
import type { WorkspaceDocs } from './workspace-docs';
import { subjectKey, subjectOf, type SubjectRecordKind, type SubjectRef } from './subjects';

/** The subject index of one kind in one document: built on first use, kept by its events. */
export class SubjectIndex<K extends SubjectRecordKind = SubjectRecordKind> {
	readonly kind: K;
	readonly #store: RecordReader;
	readonly #bySubject = new Map<string, Set<string>>();
	readonly #subjectOf = new Map<string, string>();
	readonly #listeners = new Map<string, Set<() => void>>();
	readonly #stop: () => void;

	constructor(store: RecordReader, kind: K) {
		this.#store = store;
		this.kind = kind;
		for (const id of store.ids(kind)) this.#index(id);
		this.#stop = store.observeKind(kind, (ids) => {
			const touched = new Set<string>();
			for (const id of ids) for (const key of this.#index(id)) touched.add(key);
			for (const key of touched) for (const fn of this.#listeners.get(key) ?? []) fn();
		});
	}

	/** Valid, not deleted records about the subject in this document (unordered). */
	records(subject: SubjectRef): RecordOf<K>[] {
		const out: RecordOf<K>[] = [];
		for (const id of this.#bySubject.get(subjectKey(subject)) ?? []) {
			const r = this.#store.get(this.kind, id);
			if (r?.ok && !r.deleted) out.push(r.record);
		}
		return out;
	}

	/** Calls `fn` after each change to a record about the subject (moved in or out included). */
	observe(subject: SubjectRef, fn: () => void): () => void {
		const key = subjectKey(subject);
		let set = this.#listeners.get(key);
		if (!set) this.#listeners.set(key, (set = new Set()));
		set.add(fn);
		return () => void set.delete(fn);
	}

	destroy(): void {
		this.#stop();
		this.#listeners.clear();
	}

	/** Re-files one record; returns the subject keys it left or joined. */
	#index(id: string): string[] {
		const before = this.#subjectOf.get(id);
		const subject = subjectOf(this.kind, this.#store.raw(this.kind, id));
		const after = subject && subjectKey(subject);
		if (before === after) return after ? [after] : [];
		if (before) this.#bySubject.get(before)?.delete(id);
		if (after) {
			let set = this.#bySubject.get(after);
			if (!set) this.#bySubject.set(after, (set = new Set()));
			set.add(id);
			this.#subjectOf.set(id, after);
		} else this.#subjectOf.delete(id);
		return [before, after].filter((k): k is string => k !== undefined);
	}
}

const indexes = new WeakMap<RecordReader, Map<SubjectRecordKind, SubjectIndex>>();

/** The subject index of a kind in a document (one each, made on first use). */
export function subjectIndexOf<K extends SubjectRecordKind>(
	store: RecordReader,
	kind: K
): SubjectIndex<K> {
	let byKind = indexes.get(store);
	if (!byKind) indexes.set(store, (byKind = new Map()));
	let index = byKind.get(kind);
	if (!index) byKind.set(kind, (index = new SubjectIndex(store, kind)));
	return index as SubjectIndex<K>;
}

/** Follows the records of a kind about one subject in one document (plans, cases: main). */
export function observeRecordsAbout<K extends SubjectRecordKind>(
	store: RecordReader,
	kind: K,
	subject: SubjectRef,
	fn: (records: RecordOf<K>[]) => void
): () => void {
	const index = subjectIndexOf(store, kind);
	fn(index.records(subject));
	return index.observe(subject, () => fn(index.records(subject)));
}

/**
 * Follows the visits of one subject across the shards of `years` (opened as needed): calls
 * `fn` with them, newest first, once the shards are open and after every change. Returns
 * the stop.
 */
export function observeVisitsOf(
	docs: WorkspaceDocs,
	subject: SubjectRef,
	years: readonly number[],
	fn: (visits: Visit[]) => void
): () => void {
	let stopped = false;
	const stops: (() => void)[] = [];
	void Promise.all(years.map((y) => docs.visits(y))).then((shards) => {
		if (stopped) return;
		const indexes = shards.map((s) => subjectIndexOf(s, 'visit'));
		const publish = () =>
			fn(
				indexes
					.flatMap((i) => i.records(subject))
					.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
			);
		publish();
		for (const index of indexes) stops.push(index.observe(subject, publish));
	});
	return () => {
		stopped = true;
		for (const s of stops) s();
	};
}
