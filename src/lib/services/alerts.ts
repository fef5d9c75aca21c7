// Keeps a workspace's alerts current without delaying its first screen or typing: the rules
// run in a worker (rules-worker.ts). Once the first list has painted, the main document's
// records as stored are read here in small slices that yield to the page, each slice handed
// to the worker, which validates them; the visit shards the worker reads from the device
// itself (visit-replicas.ts). Afterwards only the record an edit touched is sent (validated
// here; a shard's edit as its Yjs update), and only the alert groups that changed come back.
import { yearShardName, type Kind } from '$lib/domain';
import type { ReadResult, RecordStore, WorkspaceDocs } from '$lib/doc';
import { baseName } from '$lib/doc/layout';
import { rawJson } from '$lib/doc/raw-json';
import type { Alert, RuleContext } from '$lib/rules';
import { afterPaint, SLICE_MS, yieldToPage } from './paint';
export { alertCounts, alertsAbout, alertSubject } from './alert-subjects';
import { AlertMirror, startRules, type RulesPort, type RulesThread } from './rules-worker';
import type { ShardRelay } from './visit-replicas';

/** Households' alert groups per message back from the rules (~3 alerts each). */
const CHUNK = 100;

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
	publish: (alerts: Alert[]) => void,
	opts: {
		/** How the rules' thread starts (the bench page serves its own worker bundle). */
		start?: () => Promise<RulesThread>;
		/** The workspace's relay, once shared: the rules' replica of the shards syncs there. */
		relay?: () => ShardRelay | undefined;
	} = {}
): () => void {
	const main = docs.main;
	const mirror = new AlertMirror();
	const ok = <K extends Kind>(r: ReadResult<K> | undefined) =>
		r?.ok && !r.deleted ? r.record : undefined;
	let rules: RulesThread | undefined;
	let loaded = false;
	let visitsLoaded = false;
	let stopped = false;
	const dirty = new Map<MainKind, Set<string>>(MAIN_KINDS.map((k) => [k, new Set()]));
	const failed = (e: unknown) => console.error('rules', e);

	// Drains what the host changed, a chunk per message, and publishes once drained. Calls
	// made meanwhile are answered in order, so a further pass picks up what they changed.
	let draining = false;
	let again = false;
	/** Set at the two loads' ends (records, then visits): those are published even unchanged. */
	let milestone = true;
	const drain = async (port: RulesPort) => {
		if (draining) return void (again = true);
		draining = true;
		try {
			let changed = false;
			do {
				again = false;
				for (let more = true; more && !stopped;) {
					const c = await port.take(CHUNK);
					if (mirror.apply(c)) changed = true;
					more = c.more;
				}
			} while (again && !stopped);
			// Unchanged alerts are not published again: every screen would re-filter them all.
			if (!stopped && (changed || milestone)) {
				milestone = false;
				publish(mirror.alerts());
			}
		} finally {
			draining = false;
		}
	};
	const changed = () => {
		if (rules && loaded) drain(rules.port).catch(failed);
	};
	const call = (p: unknown) => void Promise.resolve(p).catch(failed);

	const apply = (port: RulesPort, kind: MainKind, id: string) =>
		// A soft-deleted or invalid record is removed from the engine: it leaves no alert.
		call(port.update(kind, id, ok(main.get(kind, id))));
	const onKind = (kind: MainKind) => (ids: ReadonlySet<string>) => {
		for (const id of ids) {
			if (rules && loaded) apply(rules.port, kind, id);
			else dirty.get(kind)!.add(id);
		}
		changed();
	};
	const stops: (() => void)[] = MAIN_KINDS.map((k) => main.observeKind(k, onKind(k)));
	stops.push(
		main.observeKind('settings', () => {
			if (!rules || !loaded) return;
			call(rules.port.setContext(context()));
			changed();
		})
	);
	stops.push(
		docs.observeLastVisits((subjectIds) => {
			if (!rules || !loaded || visitsLoaded) return;
			const last = docs.lastVisits();
			for (const id of subjectIds) call(rules.port.setLastVisit(id, last.get(id)));
			changed();
		})
	);

	/**
	 * Hands a kind's records to the rules in slices of about SLICE_MS (however slow the phone),
	 * yielding to the page in between. A slice is the records as stored, one JSON string each
	 * (the document's own base string for an unedited record): the worker parses and validates
	 * them, so zod never runs on this thread for the full pass, and strings cross to the worker
	 * without being walked. A slice stops early by the sending cost per record of the last one.
	 */
	let sendPerRecord = 0.05;
	async function feed(store: RecordStore, kind: Kind, send: (stored: string[]) => unknown) {
		// The ids are walked lazily: copying a shard's 24,000 keys at once is a long task itself.
		const ids = store.doc.getMap(baseName(kind)).keys();
		await yieldToPage();
		for (let done = false; !done && !stopped;) {
			const slice: string[] = [];
			const t0 = performance.now();
			for (;;) {
				const next = ids.next();
				if ((done = next.done === true)) break;
				const json = rawJson(store, kind, next.value);
				if (json) slice.push(json);
				if (performance.now() - t0 + slice.length * sendPerRecord >= SLICE_MS) break;
			}
			const t1 = performance.now();
			call(send(slice));
			if (slice.length > 0) sendPerRecord = (performance.now() - t1) / slice.length;
			await yieldToPage();
		}
	}

	void (async () => {
		await afterPaint();
		const thread = await (opts.start ?? startRules)();
		if (stopped) return thread.close();
		await yieldToPage();
		rules = thread;
		const port = thread.port;
		call(port.begin(context()));
		for (const kind of MAIN_KINDS) await feed(main, kind, (stored) => port.add(kind, stored));
		if (stopped) return;
		// The summary's last visits go in slices too (a county has thousands).
		const last = [...(await docs.lastVisitsSliced(yieldToPage, SLICE_MS))];
		await yieldToPage();
		for (let i = 0; i < last.length && !stopped; i += CHUNK * 5) {
			call(port.addLastVisits(JSON.stringify(last.slice(i, i + CHUNK * 5))));
			await yieldToPage();
		}
		if (stopped) return;
		call(port.finish());
		loaded = true;
		for (const [kind, ids] of dirty) for (const id of ids) apply(port, kind, id);
		changed();
		await loadVisits(thread);
	})().catch(failed);

	/**
	 * Visits of this year and last (every cadence and finding window the settings allow fits),
	 * loaded by the rules' thread from the device into its own replica of the shards: the page
	 * never loads a shard for the rules (one shard is one Y.applyUpdate of megabytes, seconds of
	 * main thread). A shard the page opens for a screen forwards its updates there.
	 */
	async function loadVisits(thread: RulesThread) {
		const year = Number(context().today.slice(0, 4));
		const names = [yearShardName(year), yearShardName(year - 1)];
		const forward = (store: RecordStore) => {
			if (!names.includes(store.name)) return;
			// Attached once the shard has loaded: a listener during the load re-encodes it all.
			const send = (update: Uint8Array) => {
				call(thread.port.applyVisitUpdate(store.name, update));
				changed();
			};
			store.doc.on('update', send);
			stops.push(() => store.doc.off('update', send));
		};
		for (const store of docs.shards.values()) forward(store);
		stops.push(docs.onShardOpen(forward));
		const relayed = thread.callback(changed);
		await thread.port.openVisits(docs.workspaceId, names, relayed, opts.relay?.());
		if (stopped) return;
		visitsLoaded = true;
		milestone = true;
		changed();
	}

	return () => {
		stopped = true;
		for (const s of stops) s();
		rules?.close();
	};
}
