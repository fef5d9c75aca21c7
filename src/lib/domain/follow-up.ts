/**
 * 跟进 → 措施: a follow-up of a student's talk or home visit becomes a measure of the
 * student's plan in one tap. The measure's key comes from the visit and the follow-up, so
 * pressing twice — or on two devices while apart — makes one measure, not two.
 */
import type { Measure, Plan } from './plan';
import type { Visit } from './visit';

type FollowUp = NonNullable<Visit['followUps']>[string];
type PlanLike = Pick<Plan, 'id' | 'year' | 'measures'> & { deletedAt?: string | undefined };

/** The measure key of a visit's follow-up (record ids are ≤ 64 of [A-Za-z0-9_-]). */
export function followUpMeasureKey(visitId: string, followUpKey: string): string {
	return `fu-${visitId}-${followUpKey}`.slice(0, 64);
}

/** The measure a follow-up becomes: its text, owner and due date; planned; linked back. */
export function measureFromFollowUp(
	visit: Pick<Visit, 'id' | 'visitorIds'>,
	f: FollowUp
): Omit<Measure, 'order'> {
	const ownerId = f.ownerId ?? visit.visitorIds?.[0];
	return {
		type: 'education',
		description: f.text,
		status: f.done ? 'done' : 'planned',
		fromVisitId: visit.id,
		...(ownerId ? { ownerId } : {}),
		...(f.dueDate ? { dueDate: f.dueDate } : {})
	};
}

/** Where a follow-up already is a measure: the plan (not deleted) holding its key. */
export function findFollowUpMeasure(
	plans: readonly PlanLike[],
	visitId: string,
	followUpKey: string
): { planId: string; key: string } | undefined {
	const key = followUpMeasureKey(visitId, followUpKey);
	for (const p of plans) if (!p.deletedAt && p.measures?.[key]) return { planId: p.id, key };
	return undefined;
}

/**
 * The plan a new measure goes into: the student's plan of the visit's year (the first made,
 * when there are several); undefined when there is none, and the caller starts one.
 */
export function planForFollowUp(plans: readonly PlanLike[], year: number): PlanLike | undefined {
	return plans.find((p) => !p.deletedAt && p.year === year);
}
