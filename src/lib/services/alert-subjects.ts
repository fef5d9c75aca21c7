// Who an alert is about, apart from the rules' thread (alerts.ts): the lists import only
// this, so their first paint loads neither the worker's client nor comlink.
import type { SubjectRef } from '$lib/doc';
import { subjectKey } from '$lib/doc/subjects';
import type { Alert } from '$lib/rules';

/**
 * Who an alert is about. The one place that knows how an Alert names its subject: a case's
 * alerts belong to its household; the work group's deadlines to no subject.
 */
export function alertSubject(alert: Alert): SubjectRef | undefined {
	if (alert.householdId) return { kind: 'household', id: alert.householdId };
	const s = alert.subject;
	return s.kind === 'student' || s.kind === 'school' ? { kind: s.kind, id: s.id } : undefined;
}

/** The alerts about one subject. */
export function alertsAbout(alerts: readonly Alert[], subject: SubjectRef): Alert[] {
	const key = subjectKey(subject);
	return alerts.filter((a) => {
		const s = alertSubject(a);
		return s !== undefined && subjectKey(s) === key;
	});
}

/** How many alerts each subject of a kind has, by subject id. */
export function alertCounts(alerts: readonly Alert[], kind: SubjectRef['kind']) {
	const counts: Record<string, number> = {};
	for (const a of alerts) {
		const s = alertSubject(a);
		if (s?.kind === kind) counts[s.id] = (counts[s.id] ?? 0) + 1;
	}
	return counts;
}
