// A room's stored log applied to its in-memory document (manager.ts): on load, and when the
// fan-out lost messages and the room catches up from the store.
import * as Y from 'yjs';
import { log } from '../log.ts';
import type { RoomStore } from '../store/types.ts';
import type { Room } from './room.ts';

/** Applies stored updates in one transaction; returns how many could not be applied. */
export function applyStored(doc: Y.Doc, updates: readonly Uint8Array[]): number {
	let skipped = 0;
	// Yjs merges structs when the transaction ends: a too-long merged string throws there.
	doc.transact(() => {
		for (const u of updates) {
			try {
				Y.applyUpdate(doc, u);
			} catch {
				skipped++;
			}
		}
	});
	return skipped;
}

/** A freshly built room from what the store holds; its answers are cut from these same bytes
 * (state.ts) unless some could not be applied. Returns how many were skipped. */
export function loadStored(room: Room, updates: readonly Uint8Array[]): number {
	const skipped = applyStored(room.doc, updates);
	if (skipped > 0) room.answers.state.lost();
	else room.answers.state.seed(updates);
	return skipped;
}

/** What the stored log has that `doc` lacks, or null when nothing was missed. */
export function missingFrom(stored: readonly Uint8Array[], doc: Y.Doc): Uint8Array | null {
	const missing = Y.diffUpdate(Y.mergeUpdates([...stored]), Y.encodeStateVector(doc));
	const { structs, ds } = Y.decodeUpdate(missing);
	return structs.length === 0 && ds.clients.size === 0 ? null : missing;
}

/**
 * After missed fan-out messages: applies what the store holds and the room lacks, relaying
 * only that diff (nothing when nothing was missed). `current` says the room is still loaded.
 */
export async function catchUpFromStore(
	store: RoomStore,
	room: Room,
	current: () => boolean
): Promise<void> {
	try {
		const stored = await store.load(room.name);
		if (stored.length === 0 || !current()) return;
		const missing = missingFrom(stored, room.doc);
		if (!missing) return;
		room.applyRemote(missing);
		log('room_caught_up', { room: room.name });
	} catch (err) {
		log('room_catch_up_failed', { room: room.name, error: String(err) });
	}
}
