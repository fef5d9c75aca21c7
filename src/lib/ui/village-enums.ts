// Labels for the monitoring enums (measures, case steps and sources, duties, categories),
// through the i18n layer. village-enums.test.ts keeps both languages complete.
import { m } from '$lib/paraglide/messages.js';
import {
	caseSources,
	caseStates,
	filingDuties,
	measureStatuses,
	measureTypes,
	monitoringCategories
} from '$lib/domain';

const PREFIX = {
	measureType: 'mtype_',
	measureStatus: 'mstatus_',
	caseState: 'cstate_',
	caseSource: 'csource_',
	filingDuty: 'fduty_',
	monitoringCategory: 'mcat_'
} as const;

export const VILLAGE_ENUMS = {
	measureType: measureTypes,
	measureStatus: measureStatuses,
	caseState: caseStates,
	caseSource: caseSources,
	filingDuty: filingDuties,
	monitoringCategory: monitoringCategories
} as const;

export type VillageEnum = keyof typeof VILLAGE_ENUMS;

export function villageLabel(name: VillageEnum, value: string | undefined): string {
	if (value === undefined) return '';
	const fn = (m as unknown as Record<string, (() => string) | undefined>)[PREFIX[name] + value];
	return fn ? fn() : value;
}

export function villageOptions(
	name: VillageEnum,
	only?: readonly string[]
): { value: string; label: string }[] {
	return (only ?? VILLAGE_ENUMS[name]).map((value) => ({
		value,
		label: villageLabel(name, value)
	}));
}

export function villageKeys(): string[] {
	return (Object.keys(VILLAGE_ENUMS) as VillageEnum[]).flatMap((name) =>
		VILLAGE_ENUMS[name].map((v) => PREFIX[name] + v)
	);
}
