import * as Y from 'yjs';
import { SEP, parseRootName } from './layout';

/**
 * Records touched by one transaction, by kind, with the patch keys that changed (and the
 * history and conflict keys, which the reader indexes the same way).
 */
export type Touched = Map<
	string,
	{ ids: Set<string>; patchKeys: string[]; historyKeys: string[]; conflictKeys: string[] }
>;

/**
 * Routes Yjs change events to record ids. Every root type's name says which kind/record it
 * belongs to; Yjs does not keep the name on the type, so we keep a reverse index and extend
 * it only when a root type we have not seen shows up (a new text), instead of scanning
 * `doc.share` on every transaction.
 */
// Yjs types its root types as AbstractType<YEvent<any>>; we only use them as map keys.
/* eslint-disable @typescript-eslint/no-explicit-any */
export class ChangeRouter {
	readonly #doc: Y.Doc;
	readonly #names = new WeakMap<Y.AbstractType<Y.YEvent<any>>, string>();
	readonly #listeners = new Set<(touched: Touched, tr: Y.Transaction) => void>();

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		doc.on('afterTransaction', this.#onTransaction);
	}

	listen(fn: (touched: Touched, tr: Y.Transaction) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	destroy() {
		this.#doc.off('afterTransaction', this.#onTransaction);
		this.#listeners.clear();
	}

	#nameOf(type: Y.AbstractType<Y.YEvent<any>>): string | undefined {
		let name = this.#names.get(type);
		if (name === undefined) {
			for (const [key, t] of this.#doc.share) if (!this.#names.has(t)) this.#names.set(t, key);
			name = this.#names.get(type);
		}
		return name;
	}

	#onTransaction = (tr: Y.Transaction) => {
		if (tr.changed.size === 0 || this.#listeners.size === 0) return;
		const touched: Touched = new Map();
		const entry = (kind: string) => {
			let e = touched.get(kind);
			if (!e)
				touched.set(
					kind,
					(e = { ids: new Set(), patchKeys: [], historyKeys: [], conflictKeys: [] })
				);
			return e;
		};
		for (const [type, keys] of tr.changed) {
			// Our layout nests no Yjs types, so every change is on a root type.
			if (type._item !== null) continue;
			const name = this.#nameOf(type);
			if (name === undefined) continue;
			const ref = parseRootName(name);
			if (ref.type === 'text') entry(ref.kind).ids.add(ref.id);
			else if (ref.type !== 'other') {
				const e = entry(ref.kind);
				const list =
					ref.type === 'patch'
						? e.patchKeys
						: ref.type === 'history'
							? e.historyKeys
							: ref.type === 'conflict'
								? e.conflictKeys
								: undefined;
				for (const key of keys) {
					if (key === null) continue;
					e.ids.add(key.split(SEP, 1)[0] ?? key);
					list?.push(key);
				}
			}
		}
		if (touched.size > 0) for (const fn of this.#listeners) fn(touched, tr);
	};
}
