// How a record-relative field path reads on the history screen ("家庭成员 · 身份证号"): each
// known segment by its label, item ids (random keys of keyed lists) left out, years kept.
// A field this version has no label for is shown by its name, never hidden.
import { m } from '$lib/paraglide/messages.js';
import { enumLabel, type EnumName } from './enums';

const LABELS: Record<string, () => string> = {
	headName: m.household_head,
	village: m.household_village,
	group: m.household_group,
	phone: m.household_phone,
	type: m.household_type,
	housingGrade: m.household_housing_grade,
	members: m.household_members,
	notes: m.household_notes,
	incomes: m.hist_incomes,
	wages: m.income_wages,
	business: m.income_business,
	property: m.income_property,
	transfers: m.income_transfers,
	eligibleOutOfPocket: m.income_oop,
	name: m.member_name,
	relation: m.member_relation,
	birthDate: m.member_birth,
	idNumber: m.member_id_number,
	schooling: m.member_schooling,
	health: m.member_health,
	labour: m.member_labour,
	className: m.student_class,
	stage: m.student_stage,
	boarding: m.student_boarding,
	categories: m.student_category,
	guardians: m.student_guardians,
	guardianshipRating: m.student_guardianship_rating,
	parentsWhereabouts: m.student_parents_whereabouts,
	disabilityType: m.student_disability_type,
	disabilityGrade: m.student_disability_grade,
	placement: m.student_placement,
	healthNotes: m.student_health_notes,
	academicNotes: m.student_academic_notes,
	psychologicalNotes: m.student_psych_notes,
	commitmentLetter: m.student_commitment,
	signedBy: m.student_commitment_by,
	signedDate: m.student_commitment_date,
	planType: m.plan_type,
	goals: m.plan_goals,
	measures: m.plan_measures,
	description: m.plan_measure_description,
	ownerId: m.plan_measure_owner,
	dueDate: m.plan_measure_due,
	status: m.plan_measure_status,
	funds: m.hplan_funds,
	result: m.hplan_result,
	assessments: m.plan_assessments,
	parentFeedback: m.plan_parent_feedback,
	summary: m.plan_summary,
	diagnosisKnowledge: m.plan_diag_knowledge,
	diagnosisHabits: m.plan_diag_habits,
	diagnosisThinking: m.plan_diag_thinking,
	diagnosisCauses: m.plan_diag_causes,
	order: m.hist_order
};

/** Fields whose values are enum codes, and the enum that names them. */
const ENUM_OF: Record<string, EnumName> = {
	type: 'householdType',
	housingGrade: 'grade',
	relation: 'relation',
	schooling: 'schooling',
	health: 'health',
	labour: 'labour',
	stage: 'stage',
	placement: 'placement',
	planType: 'planType',
	status: 'measureStatus',
	guardianshipRating: 'rating'
};

/** A keyed list's item id (random, not for reading); years and names are kept. */
const isItemId = (seg: string) => /^[A-Za-z0-9_-]{8,}$/.test(seg) && !/^\d+$/.test(seg);

export function pathLabel(path: readonly string[]): string {
	const parts = path.filter((s, i) => i === 0 || !isItemId(s)).map((s) => LABELS[s]?.() ?? s);
	return parts.join(' · ');
}

export function valueText(path: readonly string[], value: unknown): string {
	if (value === undefined || value === null || value === '') return m.conflict_empty();
	if (value === true) return m.hist_yes();
	if (value === false) return m.hist_no();
	const last = path[path.length - 1] ?? '';
	const e = ENUM_OF[last];
	if (e && typeof value === 'string') return enumLabel(e, value);
	if (typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if (typeof o['name'] === 'string') return o['name'];
		if (typeof o['description'] === 'string') return o['description'];
		return JSON.stringify(value);
	}
	return String(value);
}
