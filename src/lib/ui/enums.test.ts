// Every enum value the forms offer has words in the catalogue (both locales, via i18n.test).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const zh = JSON.parse(readFileSync('messages/zh-CN.json', 'utf8')) as Record<string, string>;

describe('enum labels', async () => {
	// Import the lists without the Paraglide runtime: the labels module needs a build.
	const domain = await import('$lib/domain');
	const groups: [string, readonly string[]][] = [
		['hh_type_', domain.householdTypes],
		['rel_', domain.relations],
		['sch_', domain.schoolingStatuses],
		['hl_', domain.healthStatuses],
		['lb_', domain.labourAbilities],
		['vk_', domain.visitKinds],
		['grade_', ['A', 'B', 'C', 'D']],
		['cat_', domain.studentCategories],
		['grel_', domain.guardianRelations],
		['rating_', domain.guardianshipRatings],
		['place_', domain.placements],
		['dis_', domain.disabilityTypes],
		['stage_', domain.schoolStages],
		['mrole_', domain.memberRoles],
		['ptype_', domain.planTypes],
		['mstatus_', domain.measureStatuses],
		['akind_', domain.activityKinds],
		['area_', domain.schoolAreas],
		['skind_', domain.schoolKinds]
	];
	for (const [prefix, values] of groups) {
		it(`${prefix}* covers every value`, () => {
			for (const v of values) expect(zh[prefix + v], prefix + v).toBeTruthy();
		});
	}
});
