import { z } from 'zod';
import {
	gender,
	keyedList,
	longText,
	phone,
	recordMeta,
	requiredText,
	shortText,
	yuan,
	itemOrder
} from './common';
import { isoDate, pastDate } from './dates';
import { idNumber } from './id-number';
import { disabilityGrade, disabilityTypes } from './student';
import {
	healthStatuses,
	householdTypes,
	labourAbilities,
	relations,
	riskTypes,
	policies,
	expenseChoices,
	schoolingStatuses
} from './enum-values';
export {
	healthStatuses,
	householdTypes,
	labourAbilities,
	relations,
	riskTypes,
	policies,
	expenseChoices,
	schoolingStatuses
};

/** 家庭成员: one person of a household, as in the national system's export. */
export const householdMember = z.object({
	order: itemOrder,
	name: requiredText,
	relation: z.enum(relations, { error: 'enum.invalid' }).optional(),
	idNumber: idNumber.optional(),
	gender: gender.optional(),
	birthDate: pastDate.optional(),
	ethnicity: shortText.optional(),
	education: shortText.optional(),
	schooling: z.enum(schoolingStatuses, { error: 'enum.invalid' }).optional(),
	outOfSchoolReason: shortText.optional(),
	health: z.enum(healthStatuses, { error: 'enum.invalid' }).optional(),
	disabilityType: z.enum(disabilityTypes, { error: 'enum.invalid' }).optional(),
	disabilityGrade: disabilityGrade.optional(),
	labour: z.enum(labourAbilities, { error: 'enum.invalid' }).optional(),
	workPlace: shortText.optional(),
	/** Insurance flags: residents' / employees' medical, serious illness, assistance, pension. */
	residentMedical: z.boolean().optional(),
	employeeMedical: z.boolean().optional(),
	seriousIllness: z.boolean().optional(),
	medicalAssistance: z.boolean().optional(),
	pension: z.boolean().optional(),
	chronicCard: z.boolean().optional()
});
export type HouseholdMember = z.infer<typeof householdMember>;

/** Income of one year by source (元/year for the whole household). */
export const yearIncome = z.object({
	wages: yuan('income.negative').optional(),
	business: yuan('income.negative').optional(),
	property: yuan('income.negative').optional(),
	transfers: yuan('income.negative').optional(),
	/** 合规自付支出: eligible out-of-pocket spending, deducted when testing against the line. */
	eligibleOutOfPocket: yuan('expense.negative').optional()
});
export type YearIncome = z.infer<typeof yearIncome>;

export const expenseKinds = ['medical', 'education', 'disaster', 'other'] as const;

export type ExpenseChoice = (typeof expenseChoices)[number];

export function expenseOfChoice(c: ExpenseChoice): {
	kind: (typeof expenseKinds)[number];
	medicalKind?: 'inpatient' | 'outpatient';
	eligible?: boolean;
} {
	if (c === 'medical_oop') return { kind: 'medical', eligible: true };
	if (c === 'outpatient' || c === 'inpatient') return { kind: 'medical', medicalKind: c };
	return { kind: c };
}

export function choiceOfExpense(e: {
	kind: string;
	medicalKind?: string | undefined;
}): ExpenseChoice {
	if (e.kind === 'medical')
		return e.medicalKind === 'inpatient' || e.medicalKind === 'outpatient'
			? e.medicalKind
			: 'medical_oop';
	return (expenseChoices as readonly string[]).includes(e.kind)
		? (e.kind as ExpenseChoice)
		: 'other';
}

/** 大额支出: a major expense. */
export const expense = z.object({
	order: itemOrder,
	kind: z.enum(expenseKinds, { error: 'enum.invalid' }),
	amount: yuan('expense.negative'),
	date: pastDate.optional(),
	/** Hospital stay or outpatient: the medical alert thresholds differ. */
	medicalKind: z.enum(['inpatient', 'outpatient'], { error: 'enum.invalid' }).optional(),
	eligible: z.boolean().optional(),
	note: shortText.optional()
});
export type Expense = z.infer<typeof expense>;

/** Year keys of the income list: '2026'. */
const yearKey = z.string().regex(/^(19|20|21)\d{2}$/, 'year.invalid');

/** 一户一档: one file per household. */
export const householdFields = z.object({
	headName: requiredText,
	householdNumber: shortText.optional(),
	county: shortText.optional(),
	township: shortText.optional(),
	village: shortText.optional(),
	group: shortText.optional(),
	address: shortText.optional(),
	phone: phone.optional(),
	type: z.enum(householdTypes, { error: 'enum.invalid' }).optional(),
	exitYear: z
		.number()
		.int('year.invalid')
		.min(2013, 'year.invalid')
		.max(2200, 'year.invalid')
		.optional(),
	members: keyedList(householdMember).optional(),
	incomes: z.record(yearKey, yearIncome).optional(),
	expenses: keyedList(expense).optional(),
	housingGrade: z.enum(['A', 'B', 'C', 'D'], { error: 'enum.invalid' }).optional(),
	housingArea: z.number().min(0, 'number.too_small').max(10_000, 'number.too_large').optional(),
	/** Drinking water: litres per person per day, one trip in minutes, days cut a year. */
	waterLitresPerDay: z.number().min(0, 'number.too_small').max(10_000).optional(),
	waterTripMinutes: z.number().min(0, 'number.too_small').max(1_440).optional(),
	waterPiped: z.boolean().optional(),
	waterCutDays: z.number().int('number.not_integer').min(0, 'number.too_small').max(366).optional(),
	waterQualityOk: z.boolean().optional(),
	hardenedRoad: z.boolean().optional(),
	policies: z.partialRecord(z.enum(policies, { error: 'enum.invalid' }), z.boolean()).optional(),
	riskTypes: z.partialRecord(z.enum(riskTypes, { error: 'enum.invalid' }), z.boolean()).optional(),
	identifiedDate: isoDate.optional(),
	notes: longText.optional()
});
export const household = recordMeta.extend(householdFields.shape);
export type Household = z.infer<typeof household>;

/**
 * Members of one household sharing an ID number (the same person added on two devices
 * apart): groups of member ids, each to be merged by a person. Case of the check letter and
 * spaces are ignored; members without an ID number are never grouped.
 */
export function duplicateIdNumbers(
	members: Record<string, { idNumber?: string | undefined; [k: string]: unknown }> | undefined
): string[][] {
	const byNumber = new Map<string, string[]>();
	for (const [id, m] of Object.entries(members ?? {})) {
		const n = m.idNumber?.replace(/\s/g, '').toUpperCase();
		if (!n) continue;
		const ids = byNumber.get(n);
		if (ids) ids.push(id);
		else byNumber.set(n, [id]);
	}
	return [...byNumber.values()].filter((ids) => ids.length > 1).map((ids) => ids.sort());
}
