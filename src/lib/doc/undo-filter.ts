// What this device's undo may take out of the document. Undo never hides what other people
// did afterwards: a record's base is never deleted (undoing a creation is the family's soft
// delete), and a keyed-list item someone else has edited since it was added stays.
import type * as Y from 'yjs';
import { KIND_NAMES, keyedListsOf } from '../domain';
import { SEP, baseName, patchName } from './layout';
import { isObject } from './merge';
import { editedByOthers, type HistoryEntry } from './history';

/** The Yjs item an undo is about to delete (the fields of `Y.Item` we read). */
interface UndoItem {
	parent: unknown;
	parentSub: string | null;
	content: { getContent(): unknown[] };
}

/**
 * A `deleteFilter` for the document's UndoManager: false keeps the item. `historyOf` gives a
 * record's history; entries of the doc's own client id are this session's.
 */
export function undoDeleteFilter(
	doc: Y.Doc,
	historyOf: (kind: string, id: string) => HistoryEntry[]
): (item: UndoItem) => boolean {
	const bases = new Set<unknown>(KIND_NAMES.map((k) => doc.getMap(baseName(k))));
	const patches = new Map<unknown, string>(KIND_NAMES.map((k) => [doc.getMap(patchName(k)), k]));
	return (item) => {
		if (bases.has(item.parent)) return false;
		const kind = patches.get(item.parent);
		if (kind === undefined || item.parentSub === null) return true;
		// An item's own patch (`<id>/<list>/<itemId>` = the item as added), not a field of it.
		const [id, list, itemId, ...rest] = item.parentSub.split(SEP);
		if (!id || !list || !itemId || rest.length > 0 || !keyedListsOf(kind).has(list)) return true;
		if (!isObject(item.content.getContent()[0])) return true;
		return !editedByOthers(historyOf(kind, id), doc.clientID, [list, itemId]);
	};
}
