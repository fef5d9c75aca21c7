import { z } from 'zod';
import { actorId, recordMeta, shortText } from './common';
import { isoDate, pastDate } from './dates';

/**
 * What a person decided about an alert (预警处理): acknowledged (seen, in hand) or snoozed
 * until a date, with the reason. Alerts stay derived from the records; only this decision is
 * stored, one record per decision, and the latest per `alertKey` counts. The key is the rule
 * id and the subject (`VISIT-OVERDUE|household:h1`, plus `|member:m1` when the alert points
 * at a part of it), so the decision follows the alert whatever device evaluates it.
 */
export const alertActions = ['acknowledged', 'snoozed'] as const;
export type AlertAction = (typeof alertActions)[number];

export const alertDecisionFields = z.object({
	alertKey: z.string().min(3, 'required').max(300, 'string.too_long'),
	action: z.enum(alertActions, { error: 'enum.invalid' }),
	/** For 'snoozed': hidden until this day (it shows again on it). */
	until: isoDate.optional(),
	reason: shortText.optional(),
	date: pastDate,
	decidedBy: actorId
});
export const alertDecision = recordMeta.extend(alertDecisionFields.shape);
export type AlertDecision = z.infer<typeof alertDecision>;
