// A student's visits' follow-ups (跟进事项) and the measures they became: one tap turns a
// follow-up into a measure of the student's plan of that year (started when there is none),
// linked back to the visit by `fromVisitId`; the measure's key comes from the visit and the
// follow-up, so a second tap (or a second device) finds it instead of adding another.
import {
	findFollowUpMeasure,
	followUpMeasureKey,
	measureFromFollowUp,
	planForFollowUp,
	sortedItems,
	yearOf,
	type Student,
	type Visit
} from '$lib/domain';
import type { WriteResult } from '$lib/doc';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export interface FollowUpRow {
	key: string;
	text: string;
	dueDate?: string | undefined;
	/** The plan holding the measure it became, when it did. */
	planId?: string | undefined;
}

type PlanLike = Parameters<typeof planForFollowUp>[0][number];

/** A student plan's template from the student's categories (disabled first: 一人一案). */
function planTypeOf(s: Student | undefined): 'disabled' | 'struggling' | 'general' {
	if (s?.categories?.disabled) return 'disabled';
	if (s?.categories?.struggling) return 'struggling';
	return 'general';
}

export class FollowUpsManager {
	readonly #session: WorkspaceSession;
	readonly studentId: string;

	constructor(session: WorkspaceSession, studentId: string) {
		this.#session = session;
		this.studentId = studentId;
	}

	/** The student's plans as the measure lookups need them (rows follow the document). */
	#plans(): PlanLike[] {
		return this.#session
			.rows('plan')
			.filter((r) => r.raw['subjectKind'] === 'student' && r.raw['subjectId'] === this.studentId)
			.map((r) => ({
				id: r.id,
				year: typeof r.raw['year'] === 'number' ? r.raw['year'] : 0,
				measures: (typeof r.raw['measures'] === 'object' && r.raw['measures']
					? r.raw['measures']
					: {}) as PlanLike['measures'], // only its keys are read
				deletedAt: r.deleted ? 'deleted' : undefined
			}));
	}

	rows(visit: Visit): FollowUpRow[] {
		const plans = this.#plans();
		return sortedItems(visit.followUps).map((f) => ({
			key: f.id,
			text: f.text ?? '',
			dueDate: f.dueDate,
			planId: findFollowUpMeasure(plans, visit.id, f.id)?.planId
		}));
	}

	/** Makes the follow-up a measure (once); resolves with the plan that holds it. */
	toMeasure(visit: Visit, followUpKey: string): WriteResult<string> {
		const f = visit.followUps?.[followUpKey];
		if (!f) return { ok: false, issues: [{ path: ['followUps', followUpKey], code: 'required' }] };
		const plans = this.#plans();
		const found = findFollowUpMeasure(plans, visit.id, followUpKey);
		if (found) return { ok: true, value: found.planId };
		const main = this.#session.docs.main;
		const year = yearOf(visit.date);
		let result: WriteResult<string> = { ok: false, issues: [] };
		// One transaction: a plan started for the measure and the measure are one undo step.
		main.transact(() => {
			let planId = planForFollowUp(plans, year)?.id;
			if (!planId) {
				const student = this.#session.record('student', this.studentId);
				const created = main.create('plan', {
					subjectKind: 'student',
					subjectId: this.studentId,
					year,
					planType: planTypeOf(student?.ok ? student.record : undefined)
				});
				if (!created.ok) return void (result = created);
				planId = created.value;
			}
			const added = main.addItem('plan', planId, 'measures', measureFromFollowUp(visit, f), {
				id: followUpMeasureKey(visit.id, followUpKey)
			});
			result = added.ok ? { ok: true, value: planId } : added;
		});
		return result;
	}
}
