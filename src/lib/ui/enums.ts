// Labels for the domain's enum values, through the i18n layer. One prefix per enum; the
// catalogue test keeps both languages complete. The values come from the domain's plain
// constants, not its schema modules: list rows show these words on the first paint.
import { m } from '$lib/paraglide/messages.js';
import {
	activityKinds,
	disabilityTypes,
	guardianRelations,
	guardianshipRatings,
	measureStatuses,
	memberRoles,
	placements,
	planTypes,
	schoolAreas,
	schoolKinds,
	schoolStages,
	studentCategories,
	healthStatuses,
	householdTypes,
	labourAbilities,
	relations,
	riskTypes,
	policies,
	expenseChoices,
	schoolingStatuses,
	visitKinds
} from '$lib/domain/enum-values';

const PREFIX = {
	householdType: 'hh_type_',
	relation: 'rel_',
	schooling: 'sch_',
	health: 'hl_',
	labour: 'lb_',
	visitKind: 'vk_',
	grade: 'grade_',
	category: 'cat_',
	guardianRelation: 'grel_',
	rating: 'rating_',
	placement: 'place_',
	disability: 'dis_',
	stage: 'stage_',
	memberRole: 'mrole_',
	planType: 'ptype_',
	measureStatus: 'mstatus_',
	activityKind: 'akind_',
	schoolArea: 'area_',
	schoolKind: 'skind_',
	riskType: 'risk_',
	policy: 'pol_',
	expenseChoice: 'expk_'
} as const;

export const ENUMS = {
	householdType: householdTypes,
	relation: relations,
	schooling: schoolingStatuses,
	health: healthStatuses,
	labour: labourAbilities,
	visitKind: visitKinds,
	grade: ['A', 'B', 'C', 'D'],
	category: studentCategories,
	guardianRelation: guardianRelations,
	rating: guardianshipRatings,
	placement: placements,
	disability: disabilityTypes,
	stage: schoolStages,
	memberRole: memberRoles,
	planType: planTypes,
	measureStatus: measureStatuses,
	activityKind: activityKinds,
	schoolArea: schoolAreas,
	schoolKind: schoolKinds,
	riskType: riskTypes,
	policy: policies,
	expenseChoice: expenseChoices
} as const;

export type EnumName = keyof typeof ENUMS;

export function enumLabel(name: EnumName, value: string | undefined): string {
	if (value === undefined) return '';
	const fn = (m as unknown as Record<string, (() => string) | undefined>)[PREFIX[name] + value];
	return fn ? fn() : value;
}

export function enumOptions(name: EnumName): { value: string; label: string }[] {
	return ENUMS[name].map((value) => ({ value, label: enumLabel(name, value) }));
}
