// A long-text field as the UI binds it, without Yjs: read it, replace it (one small splice,
// so two people typing merge by character) and hear other people's changes with the delta
// a caret needs to stay in place.
import type * as Y from 'yjs';
import { textSplice } from '$lib/doc/merge';

/** Yjs's text delta, as much of it as a caret needs. */
export type TextDelta = { insert?: unknown; delete?: number; retain?: number }[];

export interface SharedText {
	read(): string;
	/** Replaces the whole text by `next`, written as the one splice that differs. */
	write(next: string): void;
	/** Calls `fn` after each change made elsewhere (another device, undo); returns the stop. */
	observe(fn: (delta: TextDelta) => void): () => void;
}

export function sharedText(text: Y.Text, origin: unknown): SharedText {
	return {
		read: () => text.toString(),
		write(next) {
			const splice = textSplice(text.toString(), next);
			text.doc?.transact(() => {
				if (splice.remove > 0) text.delete(splice.index, splice.remove);
				if (splice.insert) text.insert(splice.index, splice.insert);
			}, origin);
		},
		observe(fn) {
			const observer = (event: Y.YTextEvent, tx: Y.Transaction) => {
				if (tx.origin !== origin) fn(event.delta as TextDelta);
			};
			text.observe(observer);
			return () => text.unobserve(observer);
		}
	};
}
