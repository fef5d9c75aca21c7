// What an incoming update means for a room's document, from one decode (which is also the
// validation before storing: it throws on a malformed update):
// - 'covered': the doc already has all of it (a resent or empty update): not stored again;
// - 'ready':   everything it builds on is in the doc or in the update itself;
// - 'missing': it builds on structs the doc has not seen. Yjs would keep it pending and
//   re-merge every pending update on every later one (quadratic), so the relay holds such
//   updates itself (waiting.ts), unstored, until what they need has arrived.
import * as Y from 'yjs';

type ID = { client: number; clock: number };

export type UpdateClass =
	| { kind: 'covered' }
	/** `reaches`: per client, the clock up to which the doc will hold everything once this is applied. */
	| { kind: 'ready'; reaches: Map<number, number> }
	/** `needs`: one struct it builds on, to wait for (the doc's state for its client). */
	| { kind: 'missing'; needs: ID };

const COVERED: UpdateClass = { kind: 'covered' };

/** `ahead`: per client, the clock up to which updates already queued for the commit reach
 * (a writer's next update builds on its last one before that is committed). */
export function classifyUpdate(
	doc: Y.Doc,
	update: Uint8Array,
	ahead?: ReadonlyMap<number, number>
): UpdateClass {
	const { structs, ds } = Y.decodeUpdate(update);
	const store = doc.store;
	/** Per client: the clock up to which the doc plus this update hold everything. */
	const avail = new Map<number, number>();
	const have = (client: number) =>
		avail.get(client) ?? Math.max(Y.getState(store, client), ahead?.get(client) ?? 0);
	let covered = true;
	let missing: ID | null = null;
	// Structs come grouped by client, in clock order.
	for (const s of structs) {
		if (s instanceof Y.Skip) continue;
		const { client, clock } = s.id;
		const upTo = have(client);
		if (upTo < clock + s.length) covered = false;
		if (clock > upTo) missing ??= { client, clock: upTo };
		else avail.set(client, Math.max(upTo, clock + s.length));
	}
	if (!covered && !missing) {
		const needs = (id: ID | null) => id !== null && id.clock >= have(id.client);
		for (const s of structs) {
			if (!(s instanceof Y.Item)) continue;
			const parent = s.parent as unknown;
			const ref = [s.origin, s.rightOrigin, parent instanceof Y.ID ? parent : null].find(needs);
			if (ref) {
				missing = { client: ref.client, clock: ref.clock };
				break;
			}
		}
	}
	for (const [client, ranges] of ds.clients) {
		const list = store.clients.get(client);
		for (const { clock, len } of ranges) {
			const end = clock + len;
			if (end > have(client)) {
				missing ??= { client, clock: end - 1 };
				covered = false;
				continue;
			}
			if (!covered) continue;
			// Deleted here already? Looked up per range (binary search) rather than by rebuilding
			// the doc's whole delete set, which costs O(doc) per update.
			if (!list || Y.getState(store, client) < end) {
				covered = false;
				continue;
			}
			for (let i = Y.findIndexSS(list, clock); i < list.length; i++) {
				const st = list[i]!;
				if (st.id.clock >= end) break;
				if (!st.deleted) {
					covered = false;
					break;
				}
			}
		}
	}
	if (missing) return { kind: 'missing', needs: missing };
	return covered ? COVERED : { kind: 'ready', reaches: avail };
}
