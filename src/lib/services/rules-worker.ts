// The risk rules' thread: a dedicated worker running `RuleEngineHost` behind comlink, so the
// full evaluation (~80 ms at 4× CPU over a county) never holds the page's main thread. Where
// there is no Worker (node: tests, the relay, benchmarks) the host runs in-process behind the
// same calls. Either way calls are answered in the order they were made.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Alert, AlertChanges } from '$lib/rules';
import type { RulesApi } from './rules-api';

type Call<F> = F extends (...a: infer A) => infer R ? (...a: A) => R | Promise<R> : never;
/** The thread's methods, whether they answer at once (in-process) or by message (worker). */
export type RulesPort = { [K in keyof RulesApi]: Call<RulesApi[K]> };

export interface RulesThread {
	port: RulesPort;
	/** `fn` as the thread may call it back (a comlink proxy across a worker). */
	callback(fn: () => void): () => void;
	close(): void;
}

const appWorker = () =>
	new Worker(new URL('./rules.worker.ts', import.meta.url), { type: 'module', name: 'rules' });

/** Starts the rules' worker (or, without Worker, an in-process host loaded on demand). */
export async function startRules(makeWorker: () => Worker = appWorker): Promise<RulesThread> {
	if (typeof Worker === 'undefined') {
		const { RulesApi } = await import('./rules-api');
		const api = new RulesApi();
		return { port: api, callback: (fn) => fn, close: () => api.closeVisits() };
	}
	const worker = makeWorker();
	const port = wrap<RulesApi>(worker);
	return {
		port,
		callback: (fn) => proxy(fn),
		close: () => {
			port[releaseProxy]();
			worker.terminate();
		}
	};
}

/** The page's copy of the alerts, kept by the host's changes. */
export class AlertMirror {
	#groups = new Map<string, Alert[]>();
	#workspace: Alert[] = [];

	/**
	 * Applies the host's changes; says whether any alert changed. A household re-evaluated
	 * after an edit that moved none of its alerts (a keystroke in its notes) changes nothing,
	 * and then the screens need no new list of every alert.
	 */
	apply(c: AlertChanges): boolean {
		let changed = c.reset && this.#groups.size > 0;
		if (c.reset) this.#groups.clear();
		for (const [id, alerts] of c.groups) {
			const before = this.#groups.get(id);
			if (!changed) changed = !sameAlerts(before ?? [], alerts);
			if (alerts.length > 0) this.#groups.set(id, alerts);
			else this.#groups.delete(id);
		}
		if (c.workspace) {
			if (!changed) changed = !sameAlerts(this.#workspace, c.workspace);
			this.#workspace = c.workspace;
		}
		return changed;
	}

	alerts(): Alert[] {
		return [...this.#groups.values(), this.#workspace].flat();
	}
}

const sameAlerts = (a: readonly Alert[], b: readonly Alert[]) =>
	a.length === b.length && (a.length === 0 || JSON.stringify(a) === JSON.stringify(b));
