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

export const studentCategories = [
	'left_behind',
	'disabled',
	'struggling',
	'low_income',
	'orphan',
	'migrant',
	'single_parent'
] as const;

export const disabilityTypes = [
	'visual',
	'hearing',
	'speech',
	'physical',
	'intellectual',
	'mental',
	'multiple'
] as const;

/** 残疾等级: grades 1 (most severe) to 4. */
export const disabilityGrade = z
	.number({ error: 'disability.grade' })
	.int('disability.grade')
	.min(1, 'disability.grade')
	.max(4, 'disability.grade');

export const guardianRelations = [
	'father',
	'mother',
	'grandfather',
	'grandmother',
	'relative',
	'other'
] as const;

/** 监护人: a guardian or parent of a student. */
export const guardian = z.object({
	order: itemOrder,
	name: requiredText,
	relation: z.enum(guardianRelations, { error: 'enum.invalid' }).optional(),
	phone: phone.optional(),
	idNumber: idNumber.optional(),
	livesWithChild: z.boolean().optional(),
	workLocation: shortText.optional(),
	address: shortText.optional()
});

export const schoolStages = [
	'kindergarten',
	'primary',
	'junior',
	'senior',
	'vocational',
	'dropped_out',
	'not_in_school'
] as const;

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
	guardianshipRating: z.enum(['good', 'fair', 'poor'], { error: 'enum.invalid' }).optional(),
	parentsWhereabouts: shortText.optional(),
	health: z.enum(['healthy', 'ill', 'disabled'], { error: 'enum.invalid' }).optional(),
	disabilityType: z.enum(disabilityTypes, { error: 'enum.invalid' }).optional(),
	disabilityGrade: disabilityGrade.optional(),
	/** How a disabled child is taught: regular class, special school or 送教上门. */
	placement: z
		.enum(['regular_class', 'special_school', 'home_teaching'], { error: 'enum.invalid' })
		.optional(),
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
