// Keeps a workspace's alerts current without delaying its first screen: the rules start once
// the first list has painted, validate records in small slices that yield to the page, and
// afterwards re-evaluate only the household an edit touched.
import type { Kind } from '$lib/domain';
import {
	subjectKey,
	type ReadResult,
	type RecordStore,
	type SubjectRef,
	type WorkspaceDocs
} from '$lib/doc';
import { RuleEngine, type Alert, type RuleContext } from '$lib/rules';
import { afterPaint, yieldToPage } from './paint';

/** Records validated per slice before yielding to the page (keeps each task well under 50 ms). */
const SLICE = 150;

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

/** Main-document kinds the household and workspace rules read. */
const MAIN_KINDS = ['household', 'case', 'plan', 'pairing', 'filing'] as const;
type MainKind = (typeof MAIN_KINDS)[number];

/**
 * Keeps `publish` fed with the alerts of the open workspace. The rules read the same facts
 * as in their tests: households, cases, plans, member ↔ household pairings and filings from
 * the main document, and the visits of this year's and last year's shards (their kind and
 * checklist answers: a phone call is not a visit; rules 3, 4 and 9 read the 排查表). Until
 * the shards are loaded the last-visit summary stands in for the visits. Every change of
 * one of these records — soft deletes and restores included — re-evaluates its household.
 */
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
	let visitsLoaded = false;
	let stopped = false;
	const dirty = new Map<MainKind, Set<string>>(MAIN_KINDS.map((k) => [k, new Set()]));
	const dirtyVisits = new Map<string, RecordStore>();

	const apply = (kind: MainKind, id: string) => {
		// A soft-deleted or invalid record is removed from the engine: it leaves no alert.
		if (kind === 'household') engine.updateHousehold(id, ok(main.get('household', id)));
		else if (kind === 'case') engine.updateCase(id, ok(main.get('case', id)));
		else if (kind === 'plan') engine.updatePlan(id, ok(main.get('plan', id)));
		else if (kind === 'pairing') engine.updatePairing(id, ok(main.get('pairing', id)));
		else engine.updateFiling(id, ok(main.get('filing', id)));
	};
	const onKind = (kind: MainKind) => (ids: ReadonlySet<string>) => {
		for (const id of ids) {
			if (loaded) apply(kind, id);
			else dirty.get(kind)!.add(id);
		}
		if (loaded) publish(engine.alerts());
	};
	const stops: (() => void)[] = MAIN_KINDS.map((k) => main.observeKind(k, onKind(k)));
	stops.push(
		main.observeKind('settings', () => {
			if (!loaded) return;
			engine.setContext(context());
			publish(engine.alerts());
		})
	);
	stops.push(
		docs.observeLastVisits((subjectIds) => {
			if (!loaded || visitsLoaded) return;
			const last = docs.lastVisits();
			for (const id of subjectIds) engine.updateLastVisit(id, last);
			publish(engine.alerts());
		})
	);

	async function validated<K extends Kind>(store: RecordStore, kind: K) {
		const out: NonNullable<ReturnType<typeof ok<K>>>[] = [];
		const ids = store.ids(kind);
		for (let i = 0; i < ids.length; i += SLICE) {
			for (const id of ids.slice(i, i + SLICE)) {
				const r = ok(store.get(kind, id));
				if (r) out.push(r);
			}
			await yieldToPage();
			if (stopped) return out;
		}
		return out;
	}

	/** Visits of this year and last: every cadence and finding window the settings allow fits. */
	async function loadVisits() {
		const year = Number(context().today.slice(0, 4));
		const shards: RecordStore[] = [];
		for (const y of [year, year - 1]) {
			const shard = await docs.visits(y);
			if (stopped) return;
			shards.push(shard);
			stops.push(
				shard.observeKind('visit', (ids) => {
					if (!visitsLoaded) {
						for (const id of ids) dirtyVisits.set(id, shard);
						return;
					}
					for (const id of ids) engine.updateVisit(id, ok(shard.get('visit', id)));
					publish(engine.alerts());
				})
			);
		}
		const visits = [];
		for (const shard of shards) visits.push(...(await validated(shard, 'visit')));
		if (stopped) return;
		engine.loadVisits(visits);
		visitsLoaded = true;
		for (const [id, shard] of dirtyVisits) engine.updateVisit(id, ok(shard.get('visit', id)));
		dirtyVisits.clear();
		publish(engine.alerts());
	}

	void (async () => {
		await afterPaint();
		const households = await validated(main, 'household');
		const cases = await validated(main, 'case');
		const plans = await validated(main, 'plan');
		const pairings = await validated(main, 'pairing');
		const filings = await validated(main, 'filing');
		if (stopped) return;
		const lastVisitByHousehold = docs.lastVisits();
		engine.load({ households, cases, plans, pairings, filings, lastVisitByHousehold });
		loaded = true;
		for (const [kind, ids] of dirty) for (const id of ids) apply(kind, id);
		publish(engine.alerts());
		await loadVisits();
	})();

	return () => {
		stopped = true;
		for (const s of stops) s();
	};
}
