// The household list (and adding one): rows as the list shows them, sorted by name, with the
// number of alerts per household; creating a household from the new-household form.
import type { DraftOf, Issue } from '$lib/domain';
import { alertCounts } from '$lib/services/alert-subjects';
import { householdListRows, type ListRow } from '$lib/services/list-index';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export class HouseholdsManager {
	readonly #session: WorkspaceSession;
	#issues = $state.raw<Issue[]>([]);

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	/** Households not deleted, as list rows, sorted by name. */
	get rows(): ListRow[] {
		return householdListRows(this.#session.rows('household'));
	}

	/** Alerts per household id. */
	get alertCount(): Record<string, number> {
		return alertCounts(this.#session.alerts, 'household');
	}

	/** Why the last `create` was refused. */
	get issues(): Issue[] {
		return this.#issues;
	}

	/** Creates a household; its id, or undefined with `issues` set. */
	create(draft: DraftOf<'household'>): string | undefined {
		const r = this.#session.docs.main.create('household', draft);
		this.#issues = r.ok ? [] : r.issues;
		return r.ok ? r.value : undefined;
	}
}
