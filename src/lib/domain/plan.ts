import { z } from 'zod';
import { keyedList, longText, recordId, recordMeta, shortText, yuan, itemOrder } from './common';
import { isoDate, pastDate, year } from './dates';

/**
 * Help measure types (帮扶措施类型) from the monitoring plan, plus the sector measures the
 * national export lists (education, health, housing, water) that student plans also use.
 */
export const measureTypes = [
	'industry',
	'employment',
	'safety_net',
	'aspiration_skills',
	'social_forces',
	'insurance',
	'special_funds',
	'education',
	'health',
	'housing',
	'water',
	'other'
] as const;
export type MeasureType = (typeof measureTypes)[number];

export const measureStatuses = ['planned', 'in_progress', 'done', 'cancelled'] as const;

/** 帮扶措施: one measure of a plan; keyed so concurrent additions both stay. */
export const measure = z.object({
	order: itemOrder,
	type: z.enum(measureTypes, { error: 'enum.invalid' }),
	description: shortText.optional(),
	ownerId: recordId.optional(),
	dueDate: isoDate.optional(),
	status: z.enum(measureStatuses, { error: 'enum.invalid' }).optional(),
	funds: yuan('amount.negative').optional(),
	/** Project scale in the household handbook, e.g. "2 头牛". */
	scale: shortText.optional(),
	startDate: isoDate.optional(),
	/** The result, and the household's signature under it (帮扶手册: 结果由户签字). */
	result: shortText.optional(),
	resultSignedBy: shortText.optional(),
	resultSignedDate: pastDate.optional()
});
export type Measure = z.infer<typeof measure>;

/** The seven measure types of the monitoring plan, offered on a household's plan. */
export const householdMeasureTypes = [
	'industry',
	'employment',
	'safety_net',
	'aspiration_skills',
	'social_forces',
	'insurance',
	'special_funds'
] as const satisfies readonly MeasureType[];

export const planSubjectKinds = ['student', 'household', 'school'] as const;

/**
 * 帮扶计划: the yearly plan for a student, household or school. `text` (diagnosis, goals in
 * prose) and `summary` are co-edited Y.Text; measures are a keyed list.
 */
export const planFields = z.object({
	subjectKind: z.enum(planSubjectKinds, { error: 'enum.invalid' }),
	subjectId: recordId,
	year,
	title: shortText.optional(),
	goals: longText.optional(),
	text: longText.optional(),
	summary: longText.optional(),
	measures: keyedList(measure).optional()
});
export const plan = recordMeta.extend(planFields.shape);
export type Plan = z.infer<typeof plan>;
