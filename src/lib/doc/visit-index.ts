// Visits by subject: each visit shard keeps an index subject -> visit ids, built once from
// the shard's raw records and kept by its change events, so a household's (or a student's)
// visits are found without validating the whole year.
import type { Visit } from '../domain';
import type { JsonObject } from './merge';
import type { RecordReader } from './record-reader';
import type { WorkspaceDocs } from './workspace-docs';
import { subjectKey, type SubjectRef } from './subjects';

const subjectOfRaw = (raw: JsonObject | undefined): string | undefined =>
	raw && typeof raw.subjectKind === 'string' && typeof raw.subjectId === 'string'
		? `${raw.subjectKind}:${raw.subjectId}`
		: undefined;

/** The subject index of one shard: built on first use, kept current by its events. */
export class SubjectVisitIndex {
	readonly #store: RecordReader;
	readonly #bySubject = new Map<string, Set<string>>();
	readonly #subjectOf = new Map<string, string>();
	readonly #listeners = new Map<string, Set<() => void>>();
	readonly #stop: () => void;

	constructor(store: RecordReader) {
		this.#store = store;
		for (const id of store.ids('visit')) this.#index(id);
		this.#stop = store.observeKind('visit', (ids) => {
			const touched = new Set<string>();
			for (const id of ids) for (const key of this.#index(id)) touched.add(key);
			for (const key of touched) for (const fn of this.#listeners.get(key) ?? []) fn();
		});
	}

	/** Valid, not deleted visits of the subject in this shard (unordered). */
	visits(subject: SubjectRef): Visit[] {
		const out: Visit[] = [];
		for (const id of this.#bySubject.get(subjectKey(subject)) ?? []) {
			const r = this.#store.get('visit', id);
			if (r?.ok && !r.deleted) out.push(r.record);
		}
		return out;
	}

	/** Calls `fn` after each change to a visit of the subject (moved in or out included). */
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

	/** Re-files one visit; returns the subject keys it left or joined. */
	#index(id: string): string[] {
		const before = this.#subjectOf.get(id);
		const after = subjectOfRaw(this.#store.raw('visit', id));
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

const indexes = new WeakMap<RecordReader, SubjectVisitIndex>();

/** The subject index of a shard (one per shard, made on first use). */
export function visitIndexOf(store: RecordReader): SubjectVisitIndex {
	let index = indexes.get(store);
	if (!index) indexes.set(store, (index = new SubjectVisitIndex(store)));
	return index;
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
		const indexes = shards.map(visitIndexOf);
		const publish = () =>
			fn(
				indexes
					.flatMap((i) => i.visits(subject))
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
