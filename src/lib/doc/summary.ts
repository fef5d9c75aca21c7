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
	for (const [key, date] of map) {
		const subject = subjectOfKey(key);
		const seen = out.get(subject);
		if (seen === undefined || seen < date) out.set(subject, date);
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
