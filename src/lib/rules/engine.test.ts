// The engine: incremental re-evaluation equals a full run, whatever the order of records and
// whatever sequence of edits, soft-deletes and restores (a seeded property test).
import { describe, expect, it } from 'vitest';
import type { Faker } from '@faker-js/faker';
import type { Filing, Household, MonitoringCase, Pairing, Plan, Visit } from '$lib/domain';
import { seededFaker } from '../../../tests/factories/random';
import { RuleEngine, evaluateAll, type RuleInput } from './engine';
import type { Alert } from './registry';
import {
	ctx,
	decision,
	household,
	ids,
	kase,
	meta,
	pairing,
	person,
	plan,
	run,
	visit
} from './test-data';

/** Alerts as a canonical sorted list of strings: order-free comparison. */
const canon = (alerts: readonly Alert[]) =>
	alerts.map((a) => JSON.stringify([a.householdId, a.subject, a.ruleId, a.item, a.figures])).sort();

/** The household groups' alerts (the workspace deadlines are tested in workspace.test.ts). */
const household_ = (e: RuleEngine) => e.alerts().filter((a) => a.scope !== 'workspace');

describe('the engine', () => {
	it('re-evaluates only the household an edit touched, with the same result as a full run', () => {
		const households = [household({ id: 'h1' }), household({ id: 'h2', housingGrade: 'D' })];
		const input = {
			households,
			cases: [],
			plans: [],
			lastVisitByHousehold: new Map([
				['h1', '2026-11-01'],
				['h2', '2026-11-01']
			])
		};
		const engine = new RuleEngine(ctx);
		engine.load(input);
		expect(household_(engine).map((a) => a.householdId)).toEqual(['h2']);
		const edited = household({ id: 'h1', housingGrade: 'C' });
		engine.updateHousehold('h1', edited);
		const full = evaluateAll({ ...input, households: [edited, households[1]!] }, ctx);
		expect(ids(household_(engine))).toEqual(ids(full.filter((a) => a.scope !== 'workspace')));
		engine.updateHousehold('h2', undefined);
		expect(household_(engine).map((a) => a.householdId)).toEqual(['h1']);
	});

	it('ignores soft-deleted households', () => {
		expect(
			run(household({ housingGrade: 'D', deletedAt: '2026-02-01T00:00:00Z', deletedBy: 'x' }))
		).toEqual([]);
	});

	it('[CASE-NO-MEASURE] a soft-deleted case or plan leaves no stale alert, and a restore brings it back', () => {
		const engine = new RuleEngine(ctx);
		const c = kase({
			d1: decision('nominated', '2026-09-01'),
			d2: decision('verified', '2026-09-03'),
			d3: decision('identified', '2026-09-10')
		});
		engine.load({
			households: [household()],
			cases: [c],
			plans: [],
			lastVisitByHousehold: new Map([['h1', '2026-11-01']])
		});
		expect(ids(household_(engine))).toEqual(['CASE-NO-MEASURE']);
		const gone = { ...c, deletedAt: '2026-11-02T00:00:00Z', deletedBy: 'x' };
		engine.updateCase('c1', gone);
		expect(ids(household_(engine))).toEqual([]);
		engine.updateCase('c1', c);
		expect(ids(household_(engine))).toEqual(['CASE-NO-MEASURE']);
		const p = plan({ m1: { type: 'industry', status: 'planned', dueDate: '2026-10-01' } });
		engine.updatePlan('p1', p);
		expect(ids(household_(engine))).toEqual(['MEASURE-OVERDUE']);
		engine.updatePlan('p1', undefined);
		expect(ids(household_(engine))).toEqual(['CASE-NO-MEASURE']);
	});

	it('[VISIT-OVERDUE] once visits are loaded, a deleted visit no longer counts', () => {
		const engine = new RuleEngine(ctx);
		engine.load({
			households: [household()],
			cases: [],
			plans: [],
			lastVisitByHousehold: new Map([['h1', '2026-11-01']]),
			visits: [visit('2026-11-01')]
		});
		expect(ids(household_(engine))).toEqual([]);
		engine.updateVisit('v-2026-11-01', {
			...visit('2026-11-01'),
			deletedAt: '2026-11-02T00:00:00Z',
			deletedBy: 'x'
		});
		expect(ids(household_(engine))).toEqual(['VISIT-OVERDUE']);
	});
});

describe('property: order-free and incremental = full', () => {
	type World = {
		households: Map<string, Household>;
		cases: Map<string, MonitoringCase>;
		plans: Map<string, Plan>;
		visits: Map<string, Visit>;
		pairings: Map<string, Pairing>;
		filings: Map<string, Filing>;
	};
	const HIDS = ['h1', 'h2', 'h3', 'h4'];
	const del = (f: Faker) =>
		f.datatype.boolean(0.2) ? { deletedAt: '2026-11-02T00:00:00Z', deletedBy: 'x' } : {};
	const gen = {
		household: (f: Faker, id: string): Household =>
			household({
				id,
				type: f.helpers.arrayElement(['stable', 'marginal', 'unstable_after_exit'] as const),
				housingGrade: f.helpers.arrayElement(['A', 'B', 'C', 'D'] as const),
				members: {
					a: person({
						birthDate: f.helpers.arrayElement(['1950-01-01', '1980-01-01', '2012-01-01'])
					}),
					...(f.datatype.boolean()
						? { b: person({ labour: 'none', schooling: 'dropped_out', birthDate: '2014-02-02' }) }
						: {})
				},
				incomes: {
					'2025': { wages: f.number.int({ min: 0, max: 60_000 }) },
					'2026': {
						wages:
							(f.number.int({ min: 0, max: 60_000 }) / 100) * 100 +
							f.number.int({ min: 0, max: 99 }) / 100
					}
				},
				expenses: f.datatype.boolean()
					? {
							e1: {
								kind: 'medical',
								medicalKind: 'inpatient',
								amount: f.number.int({ min: 0, max: 30_000 }),
								date: '2026-05-01'
							}
						}
					: {},
				...del(f)
			}),
		case: (f: Faker, id: string): MonitoringCase =>
			kase(
				{
					d1: decision('nominated', '2026-03-01'),
					...(f.datatype.boolean()
						? { d2: decision('verified', '2026-03-05'), d3: decision('identified', '2026-03-10') }
						: {}),
					...(f.datatype.boolean(0.3)
						? { d4: decision('released', '2026-09-20', { releaseWay: 'natural' }) }
						: {})
				},
				{ id, householdId: f.helpers.arrayElement(HIDS), ...del(f) }
			),
		plan: (f: Faker, id: string): Plan =>
			plan(
				{
					m1: {
						type: 'industry',
						status: f.helpers.arrayElement(['planned', 'done', 'cancelled'] as const),
						dueDate: '2026-10-01'
					}
				},
				{
					id,
					subjectId: f.helpers.arrayElement(HIDS),
					year: f.helpers.arrayElement([2025, 2026]),
					...del(f)
				}
			),
		visit: (f: Faker, id: string): Visit =>
			visit(f.helpers.arrayElement(['2026-06-01', '2026-10-01', '2026-11-20']), {
				id,
				kind: f.helpers.arrayElement(['visit', 'phone_call', 'home_visit'] as const),
				subjectId: f.helpers.arrayElement(HIDS),
				findings: f.datatype.boolean() ? { disaster: f.datatype.boolean() } : {},
				...del(f)
			}),
		pairing: (f: Faker, id: string): Pairing =>
			pairing({
				id,
				supportedId: f.helpers.arrayElement(HIDS),
				visitEveryMonths: f.helpers.arrayElement([1, 3]),
				...del(f)
			}),
		filing: (f: Faker, id: string): Filing => ({
			id,
			...meta,
			duty: f.helpers.arrayElement(['monthly_ledger', 'township_check'] as const),
			period: '2026-10',
			date: '2026-11-05',
			...del(f)
		})
	};
	type Kind = keyof typeof gen;
	const KINDS = Object.keys(gen) as Kind[];
	const key = {
		household: 'households',
		case: 'cases',
		plan: 'plans',
		visit: 'visits',
		pairing: 'pairings',
		filing: 'filings'
	} as const;
	const input = (w: World, f?: Faker): RuleInput => {
		const order = <T>(m: Map<string, T>) =>
			f ? f.helpers.shuffle([...m.values()]) : [...m.values()];
		return {
			households: order(w.households),
			cases: order(w.cases),
			plans: order(w.plans),
			visits: order(w.visits),
			pairings: order(w.pairings),
			filings: order(w.filings),
			lastVisitByHousehold: new Map()
		};
	};

	it('over 40 seeded worlds and 60 edits each', () => {
		for (let seed = 1; seed <= 40; seed++) {
			const f = seededFaker(seed);
			const w: World = {
				households: new Map(),
				cases: new Map(),
				plans: new Map(),
				visits: new Map(),
				pairings: new Map(),
				filings: new Map()
			};
			for (const id of HIDS) w.households.set(id, gen.household(f, id));
			for (const k of KINDS.filter((k) => k !== 'household'))
				for (let i = 0; i < 3; i++)
					(w[key[k]] as Map<string, unknown>).set(`${k}${i}`, gen[k](f, `${k}${i}`));
			const engine = new RuleEngine(ctx);
			engine.load(input(w));
			expect(canon(evaluateAll(input(w, f), ctx)), `seed ${seed}: order`).toEqual(
				canon(engine.alerts())
			);
			for (let step = 0; step < 60; step++) {
				const k = f.helpers.arrayElement(KINDS);
				const id =
					k === 'household'
						? f.helpers.arrayElement(HIDS)
						: `${k}${f.number.int({ min: 0, max: 4 })}`;
				const map = w[key[k]] as Map<string, { id: string; deletedAt?: string }>;
				const op = f.helpers.arrayElement(['edit', 'delete', 'restore', 'remove'] as const);
				const old = map.get(id);
				let next: { id: string; deletedAt?: string } | undefined;
				if (op === 'edit' || !old) next = gen[k](f, id);
				else if (op === 'delete') next = { ...old, deletedAt: '2026-11-03T00:00:00Z' };
				else if (op === 'restore') next = { ...old, deletedAt: undefined };
				if (next) map.set(id, next);
				else map.delete(id);
				const apply = {
					household: () => engine.updateHousehold(id, next as Household | undefined),
					case: () => engine.updateCase(id, next as MonitoringCase | undefined),
					plan: () => engine.updatePlan(id, next as Plan | undefined),
					visit: () => engine.updateVisit(id, next as Visit | undefined),
					pairing: () => engine.updatePairing(id, next as Pairing | undefined),
					filing: () => engine.updateFiling(id, next as Filing | undefined)
				};
				apply[k]();
				expect(canon(engine.alerts()), `seed ${seed} step ${step} ${op} ${k} ${id}`).toEqual(
					canon(evaluateAll(input(w, f), ctx))
				);
			}
		}
	});
});
