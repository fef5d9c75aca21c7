// Decisions people take on alerts (acknowledged, snoozed until a date), kept as records in the
// workspace document; the alerts themselves stay derived. An alert is matched to its decision
// by its key: the rule id and the subject (and the part of it the alert points at).
import { alertDecisionFields, type AlertDecision } from '$lib/domain';

/** What an alert key is built from: any alert of the registry or of the school rules. */
export interface KeyedAlert {
	ruleId: string;
	subject: { kind: string; id: string };
	item?: { kind: string; id: string } | undefined;
}

/** `VISIT-OVERDUE|household:h1` (`|member:m1` when the alert names a part of the subject). */
export function alertKey(a: KeyedAlert): string {
	const base = `${a.ruleId}|${a.subject.kind}:${a.subject.id}`;
	return a.item ? `${base}|${a.item.kind}:${a.item.id}` : base;
}

export type StoredDecision = Omit<AlertDecision, 'createdBy' | 'updatedAt' | 'updatedBy'>;

/**
 * The decision that stands per alert key: the latest by date, then by creation time (two
 * devices deciding offline both keep their record; the later one counts). Rows that do not
 * validate are skipped, so a damaged decision never hides an alert.
 */
export function latestDecisions(
	rows: readonly { id: string; raw: Record<string, unknown>; deleted: boolean }[]
): Map<string, StoredDecision> {
	const out = new Map<string, StoredDecision>();
	for (const row of rows) {
		if (row.deleted) continue;
		const parsed = alertDecisionFields.safeParse(row.raw);
		if (!parsed.success) continue;
		const d: StoredDecision = {
			...parsed.data,
			id: row.id,
			createdAt: typeof row.raw.createdAt === 'string' ? row.raw.createdAt : ''
		};
		const old = out.get(d.alertKey);
		if (!old || d.date > old.date || (d.date === old.date && d.createdAt > old.createdAt))
			out.set(d.alertKey, d);
	}
	return out;
}

/** Whether a decision hides its alert today: acknowledged, or snoozed until a later day. */
export function hides(d: StoredDecision | undefined, today: string): boolean {
	if (!d) return false;
	if (d.action === 'acknowledged') return true;
	return d.until !== undefined && d.until > today;
}
