import type * as Y from 'yjs';

const subjectOfKey = (key: string) => key.slice(0, key.lastIndexOf('/'));

/**
 * The last-visit summary in the main doc, for the first list ("my households, overdue first")
 * without loading any visit shard. Each device keeps its own key per subject
 * (`<subjectId>/<clientId>`) and only raises it, and readers take the maximum: a grow-only
 * max register per writer, so concurrent visits can never lower it. It is a cache: a deleted
 * visit does not lower it; the rules that need exact dates read the shard.
 */
export function noteVisit(map: Y.Map<string>, subjectId: string, clientId: number, date: string) {
	const key = `${subjectId}/${clientId}`;
	const current = map.get(key);
	if (current === undefined || current < date) map.set(key, date);
}

export function lastVisitDates(map: Y.Map<string>): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, date] of map) raise(out, key, date);
	return out;
}

function raise(out: Map<string, string>, key: string, date: string) {
	const subject = subjectOfKey(key);
	const seen = out.get(subject);
	if (seen === undefined || seen < date) out.set(subject, date);
}

/**
 * `lastVisitDates` in slices: after `sliceMs` of reading it awaits `breathe()` and goes on
 * (a county's summary holds thousands of entries). A Map's iterator stays valid across
 * changes, and an entry changed meanwhile is read as it is then: still a max per writer.
 */
export async function lastVisitDatesSliced(
	map: Y.Map<string>,
	breathe: () => Promise<void>,
	sliceMs: number
): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	const entries = map.entries();
	for (let done = false; !done;) {
		const t0 = performance.now();
		for (let n = 0; ; n++) {
			if ((n & 63) === 63 && performance.now() - t0 >= sliceMs) break;
			const next = entries.next();
			if ((done = next.done === true)) break;
			raise(out, next.value[0], next.value[1]);
		}
		if (!done) await breathe();
	}
	return out;
}

/** Calls `fn` with the subjects whose last-visit entry changed, after each change. */
export function observeLastVisitMap(
	map: Y.Map<string>,
	fn: (subjectIds: ReadonlySet<string>) => void
): () => void {
	const onChange = (event: Y.YMapEvent<string>) =>
		fn(new Set([...event.keysChanged].map(subjectOfKey)));
	map.observe(onChange);
	return () => map.unobserve(onChange);
}
