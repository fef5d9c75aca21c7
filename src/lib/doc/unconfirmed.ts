// Which records hold changes the relay has not confirmed: a revoked device shows them before
// its copy is removed (DESIGN.md "Storage promises"). The relay-confirmed state of a room is a
// Yjs snapshot (sync/confirmations.ts, kept on the device by local/confirmed.ts); every item of
// a record's base, its patches and its texts that the snapshot does not contain (written here
// after the last confirmation, or deleted here without the relay knowing) marks the record.
// History and conflict entries go with the edits that made them, so they mark nothing alone.
import * as Y from 'yjs';
import { SEP, parseRootName } from './layout';

export interface UnconfirmedRecord {
	kind: string;
	id: string;
}

type Snapshot = ReturnType<typeof Y.decodeSnapshot>;

/**
 * The records of `doc` with changes outside `confirmed` (an encoded Yjs snapshot; none: the
 * relay never confirmed anything, so every record counts), in document order, each once.
 */
export function unconfirmedRecords(doc: Y.Doc, confirmed?: Uint8Array): UnconfirmedRecord[] {
	let snap: Snapshot;
	try {
		snap = confirmed ? Y.decodeSnapshot(confirmed) : Y.emptySnapshot;
	} catch {
		snap = Y.emptySnapshot; // a damaged copy: the safe side is "nothing confirmed"
	}
	const found = new Map<string, UnconfirmedRecord>();
	const mark = (kind: string, id: string) => {
		const key = `${kind}${SEP}${id}`;
		if (id && !found.has(key)) found.set(key, { kind, id });
	};
	for (const [name, type] of doc.share) {
		const root = parseRootName(name);
		if (root.type === 'base' || root.type === 'patch') {
			for (const [key, item] of type._map)
				if (!isConfirmed(item, snap)) mark(root.kind, key.split(SEP)[0] ?? '');
		} else if (root.type === 'text') {
			for (let item = type._start; item; item = item.right)
				if (!isConfirmed(item, snap)) {
					mark(root.kind, root.id);
					break;
				}
		}
	}
	return [...found.values()];
}

function isConfirmed(item: Y.Item, snap: Snapshot): boolean {
	const known = snap.sv.get(item.id.client) ?? 0;
	if (item.id.clock + item.length > known) return false;
	return !item.deleted || Y.isDeleted(snap.ds, item.id);
}
