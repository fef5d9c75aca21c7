// Records for the rule tests (not shipped: imported by *.test.ts only).
import type {
	CaseState,
	Household,
	HouseholdMember,
	MonitoringCase,
	Pairing,
	Plan,
	Visit
} from '$lib/domain';
import { evaluateHousehold, ruleSettings } from './engine';
import type { Alert } from './registry';
import type { RuleContext } from './types';

export const TODAY = '2026-11-29';
export const meta = {
	createdAt: '2026-01-01T00:00:00Z',
	createdBy: 'tester',
	updatedAt: '2026-01-01T00:00:00Z',
	updatedBy: 'tester'
};
export const ctx: RuleContext = {
	today: TODAY,
	settings: ruleSettings({ monitoringLines: { '2021': 6000, '2026': 7000 } })
};

export function person(p: Partial<HouseholdMember> = {}): HouseholdMember {
	return { name: '张三', birthDate: '1980-05-01', labour: 'ordinary', residentMedical: true, ...p };
}

export function household(h: Partial<Household> = {}): Household {
	return {
		id: 'h1',
		...meta,
		headName: '张三',
		members: { a: person(), b: person({ name: '李四', relation: 'spouse' }) },
		incomes: { '2026': { wages: 40_000 } },
		housingGrade: 'A',
		...h
	};
}

export const decision = (to: CaseState, date: string, extra = {}) => ({
	to,
	date,
	decidedBy: 'cadre',
	...extra
});

export function kase(decisions: MonitoringCase['decisions'], more: Partial<MonitoringCase> = {}) {
	return { id: 'c1', ...meta, householdId: 'h1', decisions, ...more } as MonitoringCase;
}

export function plan(measures: Plan['measures'], more: Partial<Plan> = {}): Plan {
	return {
		id: 'p1',
		...meta,
		subjectKind: 'household',
		subjectId: 'h1',
		year: 2026,
		measures,
		...more
	};
}

export function visit(date: string, more: Partial<Visit> = {}): Visit {
	return {
		id: `v-${date}`,
		...meta,
		kind: 'home_visit',
		date,
		subjectKind: 'household',
		subjectId: 'h1',
		...more
	};
}

export function pairing(more: Partial<Pairing> = {}): Pairing {
	return {
		id: 'pr1',
		...meta,
		kind: 'member_household',
		supporterId: 'm1',
		supportedId: 'h1',
		startDate: '2026-01-01',
		...more
	};
}

export interface More {
	cases?: MonitoringCase[];
	plans?: Plan[];
	lastVisit?: string;
	visits?: Visit[];
	pairings?: Pairing[];
	context?: RuleContext;
}

export function run(h: Household, more: More = {}): Alert[] {
	return evaluateHousehold(
		{
			household: h,
			cases: more.cases ?? [],
			plans: more.plans ?? [],
			lastVisit: 'lastVisit' in more ? more.lastVisit : '2026-11-01',
			...(more.visits ? { visits: more.visits } : {}),
			...(more.pairings ? { pairings: more.pairings } : {})
		},
		more.context ?? ctx
	);
}

export const ids = (alerts: readonly Alert[]) => alerts.map((a) => a.ruleId).sort();
export const withSettings = (s: Parameters<typeof ruleSettings>[0]): RuleContext => ({
	today: TODAY,
	settings: ruleSettings({ ...ctx.settings, ...s })
});
