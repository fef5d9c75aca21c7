import { z } from 'zod';
import {
	blobRef,
	gender,
	keyedList,
	longText,
	phone,
	recordId,
	recordMeta,
	requiredText,
	shortText,
	itemOrder
} from './common';
import { pastDate } from './dates';
import { idNumber } from './id-number';
import {
	disabilityTypes,
	guardianRelations,
	guardianshipRatings,
	placements,
	schoolStages,
	studentCategories
} from './enum-values';
export {
	disabilityTypes,
	guardianRelations,
	guardianshipRatings,
	placements,
	schoolStages,
	studentCategories
};

/** 残疾等级: grades 1 (most severe) to 4. */
export const disabilityGrade = z
	.number({ error: 'disability.grade' })
	.int('disability.grade')
	.min(1, 'disability.grade')
	.max(4, 'disability.grade');

/** 监护人: a guardian or parent of a student. */
export const guardian = z.object({
	order: itemOrder,
	name: requiredText,
	relation: z.enum(guardianRelations, { error: 'enum.invalid' }).optional(),
	phone: phone.optional(),
	idNumber: idNumber.optional(),
	livesWithChild: z.boolean().optional(),
	workLocation: shortText.optional(),
	address: shortText.optional(),
	/** 监护状况: how well this guardian cares for the child (good / fair / poor). */
	rating: z.enum(guardianshipRatings, { error: 'enum.invalid' }).optional()
});

/** 父母外出情况: where a parent works and how to reach them. */
export const parentInfo = z.object({
	name: shortText.optional(),
	/** Works away from home (外出务工): calls to absent parents are due monthly. */
	away: z.boolean().optional(),
	workLocation: shortText.optional(),
	phone: phone.optional()
});
export type ParentInfo = z.infer<typeof parentInfo>;

/** 学生档案: one student's file kept by the care team. */
export const studentFields = z.object({
	name: requiredText,
	gender: gender.optional(),
	birthDate: pastDate.optional(),
	idNumber: idNumber.optional(),
	ethnicity: shortText.optional(),
	schoolId: recordId.optional(),
	className: shortText.optional(),
	stage: z.enum(schoolStages, { error: 'enum.invalid' }).optional(),
	boarding: z.boolean().optional(),
	/** A set stored as a map of flags so two people ticking different boxes both count. */
	categories: z
		.partialRecord(z.enum(studentCategories, { error: 'enum.invalid' }), z.boolean())
		.optional(),
	guardians: keyedList(guardian).optional(),
	/** The overall rating of the child's guardianship (the left-behind child file's field). */
	guardianshipRating: z.enum(guardianshipRatings, { error: 'enum.invalid' }).optional(),
	parentsWhereabouts: shortText.optional(),
	father: parentInfo.optional(),
	mother: parentInfo.optional(),
	health: z.enum(['healthy', 'ill', 'disabled'], { error: 'enum.invalid' }).optional(),
	disabilityType: z.enum(disabilityTypes, { error: 'enum.invalid' }).optional(),
	disabilityGrade: disabilityGrade.optional(),
	/** How a disabled child is taught: regular class, special school or 送教上门. */
	placement: z.enum(placements, { error: 'enum.invalid' }).optional(),
	healthNotes: shortText.optional(),
	academicNotes: longText.optional(),
	psychologicalNotes: longText.optional(),
	/** 承诺书: the commitment letter, who signed it, when, and its scan. */
	commitmentLetter: z
		.object({
			signedBy: shortText.optional(),
			signedDate: pastDate.optional(),
			scan: blobRef.optional()
		})
		.optional()
});
export const student = recordMeta.extend(studentFields.shape);
export type Student = z.infer<typeof student>;
export type Guardian = z.infer<typeof guardian>;
export type StudentCategory = (typeof studentCategories)[number];

/** Stages that mean a child is not in school (控辍保学 watches ages 6–16 for these). */
export const OUT_OF_SCHOOL_STAGES: readonly string[] = ['dropped_out', 'not_in_school'];

/** Whether a student's parents (either) work away from home. */
export function parentsAway(s: Pick<Student, 'father' | 'mother'>): boolean {
	return s.father?.away === true || s.mother?.away === true;
}

/** The worst guardianship rating on file: the student's own or any guardian's. */
export function worstGuardianship(
	s: Pick<Student, 'guardianshipRating' | 'guardians'>
): (typeof guardianshipRatings)[number] | undefined {
	const all = [s.guardianshipRating, ...Object.values(s.guardians ?? {}).map((g) => g.rating)];
	for (const r of ['poor', 'fair', 'good'] as const) if (all.includes(r)) return r;
	return undefined;
}
