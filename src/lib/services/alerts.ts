// Keeps a workspace's alerts current without delaying its first screen: the rules start once
// the first list has painted, validate records in small slices that yield to the page, and
// afterwards re-evaluate only the household an edit touched.
import type { Kind } from '$lib/domain';
import { subjectKey, type ReadResult, type SubjectRef, type WorkspaceDocs } from '$lib/doc';
import { RuleEngine, type Alert, type RuleContext } from '$lib/rules';
import { afterPaint, yieldToPage } from './paint';

/** Records validated per slice before yielding to the page (keeps each task well under 50 ms). */
const SLICE = 150;

/** Who an alert is about. The one place that knows how an Alert names its subject. */
export function alertSubject(alert: Alert): SubjectRef {
	return { kind: 'household', id: alert.householdId };
}

/** The alerts about one subject. */
export function alertsAbout(alerts: readonly Alert[], subject: SubjectRef): Alert[] {
	const key = subjectKey(subject);
	return alerts.filter((a) => subjectKey(alertSubject(a)) === key);
}

/** How many alerts each subject of a kind has, by subject id. */
export function alertCounts(alerts: readonly Alert[], kind: SubjectRef['kind']) {
	const counts: Record<string, number> = {};
	for (const a of alerts) {
		const s = alertSubject(a);
		if (s.kind === kind) counts[s.id] = (counts[s.id] ?? 0) + 1;
	}
	return counts;
}

export function watchAlerts(
	docs: WorkspaceDocs,
	context: () => RuleContext,
	publish: (alerts: Alert[]) => void
): () => void {
	const main = docs.main;
	const engine = new RuleEngine(context());
	const ok = <K extends Kind>(r: ReadResult<K> | undefined) =>
		r?.ok && !r.deleted ? r.record : undefined;
	let loaded = false;
	let stopped = false;
	const dirty = { household: new Set<string>(), case: new Set<string>(), plan: new Set<string>() };

	const apply = (kind: 'household' | 'case' | 'plan', id: string) => {
		if (kind === 'household') engine.updateHousehold(id, ok(main.get('household', id)));
		else if (kind === 'case') {
			const c = ok(main.get('case', id));
			if (c) engine.updateCase(c);
		} else {
			const p = ok(main.get('plan', id));
			if (p) engine.updatePlan(p);
		}
	};
	const onKind = (kind: 'household' | 'case' | 'plan') => (ids: ReadonlySet<string>) => {
		for (const id of ids) {
			if (loaded) apply(kind, id);
			else dirty[kind].add(id);
		}
		if (loaded) publish(engine.alerts());
	};
	const stops: (() => void)[] = [
		main.observeKind('household', onKind('household')),
		main.observeKind('case', onKind('case')),
		main.observeKind('plan', onKind('plan')),
		main.observeKind('settings', () => {
			if (!loaded) return;
			engine.setContext(context());
			publish(engine.alerts());
		})
	];
	stops.push(
		docs.observeLastVisits((subjectIds) => {
			if (!loaded) return;
			const last = docs.lastVisits();
			for (const id of subjectIds) engine.updateLastVisit(id, last);
			publish(engine.alerts());
		})
	);

	async function validated<K extends 'household' | 'case' | 'plan'>(kind: K) {
		const out: NonNullable<ReturnType<typeof ok<K>>>[] = [];
		const ids = main.ids(kind);
		for (let i = 0; i < ids.length; i += SLICE) {
			for (const id of ids.slice(i, i + SLICE)) {
				const r = ok(main.get(kind, id));
				if (r) out.push(r);
			}
			await yieldToPage();
			if (stopped) return out;
		}
		return out;
	}

	void (async () => {
		await afterPaint();
		const households = await validated('household');
		const cases = await validated('case');
		const plans = await validated('plan');
		if (stopped) return;
		engine.load({ households, cases, plans, lastVisitByHousehold: docs.lastVisits() });
		loaded = true;
		for (const kind of ['household', 'case', 'plan'] as const)
			for (const id of dirty[kind]) apply(kind, id);
		publish(engine.alerts());
	})();

	return () => {
		stopped = true;
		for (const s of stops) s();
	};
}
