import { z } from 'zod';
import { count, longText, recordId, recordMeta, requiredText, shortText, yuan } from './common';
import { pastDate } from './dates';
import { schoolAreas } from './pairing';
import { activityKinds } from './enum-values';
export { activityKinds };

/**
 * Which activity kinds count toward which agreement norm: a principal's (or deputy's) visit,
 * a department head's visit, a joint leadership meeting, a manager seconded (挂职).
 */
export const NORM_OF_KIND = {
	principal_visit: 'principalVisits',
	dept_head_visit: 'deptHeadVisits',
	leadership_meeting: 'jointMeetings',
	secondment: 'secondedManagers'
} as const satisfies Partial<Record<(typeof activityKinds)[number], string>>;

/** 结对活动: one activity of a school pairing, in one of the five areas. */
export const activityFields = z.object({
	date: pastDate,
	area: z.enum(schoolAreas, { error: 'enum.invalid' }),
	kind: z.enum(activityKinds, { error: 'enum.invalid' }),
	pairingId: recordId.optional(),
	title: shortText.optional(),
	participants: shortText.optional(),
	participantCount: count.optional(),
	outcome: longText.optional()
});
export const activity = recordMeta.extend(activityFields.shape);
export type Activity = z.infer<typeof activity>;

/** 捐赠/帮扶物资: a donation or support item. */
export const donationFields = z.object({
	item: requiredText,
	quantity: z.number().min(0, 'quantity.negative').max(1e9, 'number.too_large').optional(),
	unit: shortText.optional(),
	value: yuan('amount.negative').optional(),
	from: shortText.optional(),
	to: shortText.optional(),
	date: pastDate.optional(),
	pairingId: recordId.optional()
});
export const donation = recordMeta.extend(donationFields.shape);
export type Donation = z.infer<typeof donation>;
