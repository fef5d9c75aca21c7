// What the rules' thread exposes (rules.worker.ts; in node, in-process): the engine host and
// the rules' own replica of the visit shards (visit-replicas.ts), which that thread reads
// from the device and keeps synced, so the page never loads a shard to feed the rules.
import { RuleEngineHost } from '$lib/rules/engine-host';
import { VisitReplicas, type ShardRelay } from './visit-replicas';

export type { ShardRelay };

export class RulesApi extends RuleEngineHost {
	#visits: VisitReplicas | undefined;

	/**
	 * Loads the visit shards `names` from the device (after `finish`), then follows them;
	 * `changed` is called when an edit that arrived there (relayed) moved alerts.
	 */
	openVisits(
		workspaceId: string,
		names: readonly string[],
		changed: () => void,
		relay?: ShardRelay
	): Promise<void> {
		this.#visits?.close();
		this.#visits = new VisitReplicas(this);
		return this.#visits.open(workspaceId, names, changed, relay);
	}

	/** An update of an open shard on the page (an edit there, or relayed to it). */
	applyVisitUpdate(name: string, update: Uint8Array): void {
		this.#visits?.apply(name, update);
	}

	closeVisits(): void {
		this.#visits?.close();
		this.#visits = undefined;
	}
}
