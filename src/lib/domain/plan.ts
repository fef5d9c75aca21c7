import { z } from 'zod';
import { keyedList, longText, recordId, recordMeta, shortText, yuan, itemOrder } from './common';
import { isoDate, pastDate, year } from './dates';
import { placements } from './student';
import { measureStatuses, planTypes } from './enum-values';
export { measureStatuses, planTypes };

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

/** 帮扶措施: one measure of a plan; keyed so concurrent additions both stay. */
export const measure = z.object({
	order: itemOrder,
	type: z.enum(measureTypes, { error: 'enum.invalid' }),
	description: shortText.optional(),
	ownerId: recordId.optional(),
	dueDate: isoDate.optional(),
	status: z.enum(measureStatuses, { error: 'enum.invalid' }).optional(),
	funds: yuan('amount.negative').optional(),
	/** The visit whose follow-up became this measure (跟进 → 措施). */
	fromVisitId: recordId.optional(),
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

/** 阶段评估: one periodic assessment of a student plan; keyed so two teachers' rows both stay. */
export const assessment = z.object({
	order: itemOrder,
	date: pastDate,
	/** What was assessed and how it went, e.g. "期中数学 58 分，较上次提高 12 分". */
	result: shortText.optional(),
	score: z.number().finite().min(0, 'number.too_small').max(1000, 'number.too_large').optional(),
	byId: recordId.optional()
});
export type Assessment = z.infer<typeof assessment>;

/** The co-edited sections of a student plan, in the order the plan is written. */
export const PLAN_SECTIONS = [
	'diagnosisKnowledge',
	'diagnosisHabits',
	'diagnosisThinking',
	'diagnosisCauses',
	'goals',
	'parentFeedback',
	'summary'
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

/**
 * 帮扶计划: the yearly plan for a student, household or school. `text` (diagnosis, goals in
 * prose) and `summary` are co-edited Y.Text; measures are a keyed list.
 */
export const planFields = z.object({
	subjectKind: z.enum(planSubjectKinds, { error: 'enum.invalid' }),
	subjectId: recordId,
	year,
	title: shortText.optional(),
	planType: z.enum(planTypes, { error: 'enum.invalid' }).optional(),
	/** 诊断: knowledge gaps, study habits, ways of thinking, and their causes. */
	diagnosisKnowledge: longText.optional(),
	diagnosisHabits: longText.optional(),
	diagnosisThinking: longText.optional(),
	diagnosisCauses: longText.optional(),
	goals: longText.optional(),
	text: longText.optional(),
	measures: keyedList(measure).optional(),
	assessments: keyedList(assessment).optional(),
	/** 家长反馈 and 教师小结. */
	parentFeedback: longText.optional(),
	summary: longText.optional(),
	/** Disabled students: how the child is taught (随班就读, 特殊学校, 送教上门). */
	placement: z.enum(placements, { error: 'enum.invalid' }).optional()
});
export const plan = recordMeta.extend(planFields.shape);
export type Plan = z.infer<typeof plan>;
