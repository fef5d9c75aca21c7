// A household's yearly plan (帮扶计划): its measures of the seven types, each with description,
// owner, due date, funds, status and the result signed by the household. The route renders.
import { householdMeasureTypes, sortedItems, todayIn, type Measure, type Plan } from '$lib/domain';
import type { Json, ReadResult, WriteResult } from '$lib/doc';
import { sharedText, type SharedText } from '$lib/services/shared-text';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export type MeasureRow = Measure & { id: string };

export class HouseholdPlanManager {
	readonly today = todayIn();
	readonly types = householdMeasureTypes;
	readonly #session: WorkspaceSession;
	#result = $state.raw<ReadResult<'plan'> | undefined>();
	#goals: SharedText | undefined;

	constructor(
		session: WorkspaceSession,
		readonly id: string
	) {
		this.#session = session;
		this.#result = session.record('plan', id);
	}

	watch(): () => void {
		return this.#session.docs.main.observe('plan', this.id, (r) => (this.#result = r));
	}

	get result(): ReadResult<'plan'> | undefined {
		return this.#result;
	}

	get plan(): Plan | undefined {
		return this.#result?.ok ? this.#result.record : undefined;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	/** The household's head name, for the title. */
	get householdName(): string {
		const p = this.plan;
		const h = p ? this.#session.record('household', p.subjectId) : undefined;
		return h?.ok ? h.record.headName : '';
	}

	/** Members of the team, as owners to choose from. */
	get owners(): { value: string; label: string }[] {
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: typeof r.raw.name === 'string' ? r.raw.name : r.id }));
	}

	get measures(): MeasureRow[] {
		return sortedItems(this.plan?.measures);
	}

	get goals(): SharedText {
		this.#goals ??= sharedText(
			this.#session.docs.main.text('plan', this.id, 'goals'),
			this.#session.docs.origin
		);
		return this.#goals;
	}

	update(fields: Partial<Pick<Plan, 'title' | 'year'>>): WriteResult {
		return this.#session.docs.main.update('plan', this.id, fields);
	}

	addMeasure(type: Measure['type']): WriteResult<string> {
		return this.#session.docs.main.addItem('plan', this.id, 'measures', {
			type,
			status: 'planned'
		});
	}

	/** One field of a measure; undefined unsets it. */
	setMeasure(itemId: string, fields: { [key: string]: Json | undefined }): WriteResult {
		return this.#session.docs.main.updateItem('plan', this.id, 'measures', itemId, fields);
	}

	removeMeasure(itemId: string): WriteResult {
		return this.#session.docs.main.removeItem('plan', this.id, 'measures', itemId);
	}
}

/** Which plan screen a plan opens: by its subject's kind (raw, so it works before validation). */
export function planSubjectKind(session: WorkspaceSession, id: string): string | undefined {
	const row = session.rows('plan').find((r) => r.id === id);
	const kind = row?.raw.subjectKind;
	return typeof kind === 'string' ? kind : undefined;
}
