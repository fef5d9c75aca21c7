// A household's plans on its file: one per year, opened at /w/<id>/plans/<pid>; this year's
// created from the file when there is none.
import { todayIn, yearOf, type Issue } from '$lib/domain';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export interface PlanRow {
	id: string;
	year: number;
	measures: number;
}

export class HouseholdPlansManager {
	readonly year = yearOf(todayIn());
	readonly #session: WorkspaceSession;
	#issues = $state.raw<Issue[]>([]);

	constructor(
		session: WorkspaceSession,
		readonly householdId: string
	) {
		this.#session = session;
	}

	/** Not deleted, newest year first (raw rows: the list paints before validation). */
	get plans(): PlanRow[] {
		return this.#session
			.rows('plan')
			.filter(
				(r) =>
					!r.deleted && r.raw.subjectKind === 'household' && r.raw.subjectId === this.householdId
			)
			.map((r) => ({
				id: r.id,
				year: typeof r.raw.year === 'number' ? r.raw.year : 0,
				measures:
					typeof r.raw.measures === 'object' && r.raw.measures
						? Object.keys(r.raw.measures).length
						: 0
			}))
			.sort((a, b) => b.year - a.year);
	}

	get hasThisYear(): boolean {
		return this.plans.some((p) => p.year === this.year);
	}

	get issues(): Issue[] {
		return this.#issues;
	}

	/** This year's plan; returns its id. */
	create(): string | undefined {
		const r = this.#session.docs.main.create('plan', {
			subjectKind: 'household',
			subjectId: this.householdId,
			year: this.year
		});
		this.#issues = r.ok ? [] : r.issues;
		return r.ok ? r.value : undefined;
	}
}
