// The domain's enum values as plain constants: the schema modules build their `z.enum`s from
// these, and the UI's labels (ui/enums.ts) read them without loading zod or constructing a
// schema — the first paint of a list needs the words for a household type or a student's
// category, not their validation. Each schema module re-exports its own.

// household.ts
export const healthStatuses = ['healthy', 'chronic', 'serious', 'disabled'] as const;
/** 三类户 plus the ordinary case: the household types monitoring works with. */
export const householdTypes = [
	'stable',
	/** 脱贫不稳定户 */
	'unstable_after_exit',
	/** 边缘易致贫户 */
	'marginal',
	/** 突发严重困难户 */
	'sudden_hardship'
] as const;
export const labourAbilities = ['ordinary', 'skilled', 'weak', 'lost', 'none'] as const;
export const relations = [
	'head',
	'spouse',
	'child',
	'child_in_law',
	'grandchild',
	'parent',
	'grandparent',
	'sibling',
	'other'
] as const;
export const riskTypes = [
	'illness',
	'disability',
	'schooling',
	'disaster',
	'housing',
	'water',
	'unstable_work',
	'lack_of_labour'
] as const;
export const policies = [
	'dibao',
	'tekun',
	'medical_insurance',
	'serious_illness_insurance',
	'medical_assistance',
	'pension',
	'credit',
	'education_subsidy',
	'temporary_relief',
	'public_welfare_post'
] as const;
/**
 * What a person picks when entering an expense, and how it is stored (`kind` + `medicalKind`):
 * eligible medical out-of-pocket, outpatient, a hospital stay, education, disaster, other.
 */
export const expenseChoices = [
	'medical_oop',
	'outpatient',
	'inpatient',
	'education',
	'disaster',
	'other'
] as const;
export const schoolingStatuses = [
	'preschool',
	'primary',
	'junior',
	'senior',
	'vocational',
	'college',
	'dropped_out',
	'not_in_school',
	'graduated'
] as const;

// student.ts
export const disabilityTypes = [
	'visual',
	'hearing',
	'speech',
	'physical',
	'intellectual',
	'mental',
	'multiple'
] as const;
export const guardianRelations = [
	'father',
	'mother',
	'grandfather',
	'grandmother',
	'relative',
	'other'
] as const;
export const guardianshipRatings = ['good', 'fair', 'poor'] as const;
export const placements = ['regular_class', 'special_school', 'home_teaching'] as const;
export const schoolStages = [
	'kindergarten',
	'primary',
	'junior',
	'senior',
	'vocational',
	'dropped_out',
	'not_in_school'
] as const;
export const studentCategories = [
	'left_behind',
	'disabled',
	'struggling',
	'low_income',
	'orphan',
	'migrant',
	'single_parent'
] as const;

// people.ts
export const memberRoles = ['leader', 'deputy', 'member', 'class_teacher', 'cadre'] as const;
export const schoolKinds = ['supporting', 'recipient'] as const;

// pairing.ts
/** School help areas (学校帮扶领域): the five areas of a school pairing agreement. */
export const schoolAreas = [
	'management',
	'teaching',
	'teacher_development',
	'campus_culture',
	'facilities'
] as const;

// plan.ts
export const measureStatuses = ['planned', 'in_progress', 'done', 'cancelled'] as const;
/** Which template a student plan follows: 学困生 (struggling) or 残疾学生 (disabled, 一人一案). */
export const planTypes = ['struggling', 'disabled', 'general'] as const;

// support.ts
export const activityKinds = [
	'demonstration_lesson',
	'lesson_observation',
	'lecture',
	'teacher_exchange',
	'secondment',
	'donation',
	'leadership_meeting',
	'supervision_visit',
	'principal_visit',
	'dept_head_visit',
	'other'
] as const;

// visit.ts
/** 走访 (visit), 家访 (home visit), 谈心 (talk), 电话 (phone call). */
export const visitKinds = ['visit', 'home_visit', 'talk', 'phone_call'] as const;
/** Whom a visit is about. */
export const visitSubjectKinds = ['household', 'student', 'school'] as const;
