// The workspace's home screen (今日): the households and the alerts to act on, the most
// serious first, then by household name.
import { zhCollator } from '$lib/collator';
import type { Alert } from '$lib/rules';
import { alertSubject } from '$lib/services/alert-subjects';
import type { RecordRow } from '$lib/services/record-rows';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

const RANK = { high: 0, medium: 1, low: 2 } as const;
const str = (raw: Record<string, unknown>, key: string) =>
	typeof raw[key] === 'string' ? (raw[key] as string) : '';

export class TodayManager {
	readonly #session: WorkspaceSession;

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	/** Households not deleted. */
	get households(): RecordRow[] {
		return this.#session.rows('household').filter((h) => !h.deleted);
	}

	/** A household's name by id (its head's name, else its id). */
	get names(): Record<string, string> {
		return Object.fromEntries(this.households.map((h) => [h.id, str(h.raw, 'headName') || h.id]));
	}

	get alertsReady(): boolean {
		return this.#session.alertsReady;
	}

	/** Overdue visits and the most serious alerts first: the cadre's day starts here. */
	get alerts(): Alert[] {
		const names = this.names;
		const name = (a: Alert) => names[alertSubject(a)?.id ?? ''] ?? '';
		return [...this.#session.alerts].sort(
			(a, b) => RANK[a.severity] - RANK[b.severity] || zhCollator.compare(name(a), name(b))
		);
	}
}
