import type { Faker } from '@faker-js/faker';
import { addDays, type DraftOf } from '../../src/lib/domain';
import { push, type Dataset } from './dataset';
import {
	CHECKLIST,
	COUNTY,
	GROUPS,
	MEASURES,
	REGION_CODES,
	TOWNSHIPS,
	VILLAGES,
	VISIT_NOTES
} from './lists';
import {
	chineseName,
	dateBetween,
	idMaker,
	idNumberFor,
	mobile,
	pick,
	seededFaker
} from './random';

export interface CountyOptions {
	households?: number;
	perCadre?: number;
	/** Last year of the three years of visits; fixed so the data never depends on today. */
	endYear?: number;
	yearsOfVisits?: number;
}

type Member = NonNullable<DraftOf<'household'>['members']>[string];

/**
 * The county data set of DESIGN.md: 2,000 households, 8,000 people, monthly visits over three
 * years (72,000), one cadre per 30 households, a plan per household per year, ~5 % cases.
 */
export function buildCountyDataset(seed = 1, opts: CountyOptions = {}): Dataset {
	const f = seededFaker(seed);
	const id = idMaker(f);
	const nHouseholds = opts.households ?? 2000;
	const perCadre = opts.perCadre ?? 30;
	const endYear = opts.endYear ?? 2025;
	const years = Array.from(
		{ length: opts.yearsOfVisits ?? 3 },
		(_, i) => endYear - (opts.yearsOfVisits ?? 3) + 1 + i
	);
	const ds: Dataset = {
		name: 'county',
		workspaceId: `county-${seed}`,
		actor: 'leader0001',
		writtenAt: `${endYear}-12-31T10:00:00.000Z`,
		years,
		records: {}
	};
	push(ds, 'settings', 'workspace', {
		name: `${COUNTY}${pick(f, TOWNSHIPS)}帮扶工作组`,
		workspaceKind: 'work_group',
		monitoringLines: { '2021': 6000, '2023': 7300, '2025': 8700 }
	});
	push(ds, 'member', ds.actor, {
		name: chineseName(f),
		role: 'leader',
		phone: mobile(f),
		unit: `${COUNTY}乡村振兴局`
	});
	const cadres = Array.from({ length: Math.ceil(nHouseholds / perCadre) }, () => id('c'));
	for (const c of cadres)
		push(ds, 'member', c, {
			name: chineseName(f),
			role: 'cadre',
			phone: mobile(f),
			unit: `${pick(f, TOWNSHIPS)}人民政府`
		});

	for (let h = 0; h < nHouseholds; h++) {
		const hid = id('h');
		const cadre = cadres[Math.floor(h / perCadre)] ?? ds.actor;
		const township = TOWNSHIPS[h % TOWNSHIPS.length] ?? '';
		const members = householdMembers(f, 2 + (h % 5), endYear);
		const head = Object.values(members)[0];
		const type = pick(f, [
			'stable',
			'stable',
			'stable',
			'stable',
			'stable',
			'stable',
			'stable',
			'unstable_after_exit',
			'unstable_after_exit',
			'marginal',
			'sudden_hardship'
		] as const);
		const incomes: NonNullable<DraftOf<'household'>['incomes']> = {};
		for (const y of years)
			incomes[String(y)] = {
				wages: f.number.int({ min: 0, max: 60 }) * 1000,
				business: f.number.int({ min: 0, max: 20 }) * 500,
				property: f.number.int({ min: 0, max: 4 }) * 250,
				transfers: f.number.int({ min: 0, max: 12 }) * 400,
				eligibleOutOfPocket: f.number.int({ min: 0, max: 10 }) * 300
			};
		push(ds, 'household', hid, {
			headName: head?.name ?? chineseName(f),
			householdNumber: `53252510${String(h).padStart(6, '0')}`,
			county: COUNTY,
			township,
			village: pick(f, VILLAGES),
			group: pick(f, GROUPS),
			phone: mobile(f),
			type,
			members,
			incomes,
			housingGrade: pick(f, ['A', 'A', 'B', 'B', 'B', 'C', 'D'] as const),
			housingArea: f.number.int({ min: 40, max: 220 }),
			waterLitresPerDay: f.number.int({ min: 20, max: 120 }),
			waterTripMinutes: f.number.int({ min: 0, max: 30 }),
			waterPiped: f.datatype.boolean(0.85),
			policies: {
				medical_insurance: true,
				dibao: f.datatype.boolean(0.15),
				pension: f.datatype.boolean(0.5)
			},
			exitYear: type === 'unstable_after_exit' ? pick(f, [2016, 2017, 2018, 2019, 2020]) : undefined
		});
		push(ds, 'pairing', id('p'), {
			kind: 'member_household',
			supporterId: cadre,
			supportedId: hid,
			startDate: `${years[0]}-01-01`,
			visitEveryMonths: 3
		});
		for (const y of years) {
			const measures: NonNullable<DraftOf<'plan'>['measures']> = {};
			for (let m = 0; m < f.number.int({ min: 1, max: 3 }); m++) {
				const type = pick(f, [
					'industry',
					'employment',
					'safety_net',
					'insurance',
					'education',
					'health'
				] as const);
				measures[id('x')] = {
					type,
					description: pick(f, MEASURES[type] ?? ['']),
					ownerId: cadre,
					dueDate: `${y}-${pick(f, ['06-30', '09-30', '12-31'])}`,
					status: pick(f, ['planned', 'in_progress', 'done', 'done'] as const),
					order: m + 1
				};
			}
			push(ds, 'plan', id('l'), {
				subjectKind: 'household',
				subjectId: hid,
				year: y,
				title: `${y} 年帮扶计划`,
				measures
			});
			for (let month = 1; month <= 12; month++) {
				const mm = String(month).padStart(2, '0');
				push(ds, 'visit', id('v'), {
					kind: pick(f, ['visit', 'visit', 'visit', 'home_visit', 'phone_call'] as const),
					date: dateBetween(f, `${y}-${mm}-01`, `${y}-${mm}-28`),
					subjectKind: 'household',
					subjectId: hid,
					visitorIds: [cadre],
					met: head?.name,
					findings: Object.fromEntries(CHECKLIST.map((q) => [q, f.datatype.boolean(0.9)])),
					notes: pick(f, VISIT_NOTES)
				});
			}
		}
		if (type !== 'stable' && h % 4 === 0) {
			const start = dateBetween(f, `${years[0]}-01-01`, `${years[0]}-06-30`);
			push(ds, 'case', id('k'), {
				householdId: hid,
				categories: { income_expense: true, medical_insurance: f.datatype.boolean(0.3) },
				decisions: {
					[id('d')]: { to: 'nominated', date: start, decidedBy: cadre, order: 1 },
					[id('d')]: {
						to: 'verified',
						date: addDays(start, 5),
						decidedBy: cadre,
						order: 2
					},
					[id('d')]: { to: 'identified', date: `${years[0]}-07-15`, decidedBy: ds.actor, order: 3 },
					[id('d')]: { to: 'helped', date: `${years[0]}-08-01`, decidedBy: cadre, order: 4 }
				}
			});
		}
	}
	return ds;
}

function householdMembers(f: Faker, size: number, endYear: number): Record<string, Member> {
	const out: Record<string, Member> = {};
	const family = f.person.lastName();
	const region = pick(f, REGION_CODES);
	const plan: [Member['relation'], number, number][] = [
		['head', 35, 75],
		['spouse', 33, 73],
		['child', 3, 17],
		['child', 6, 25],
		['parent', 70, 90],
		['grandchild', 0, 10]
	];
	for (let i = 0; i < size; i++) {
		const [relation, minAge, maxAge] = plan[i] ?? ['other', 1, 80];
		const female = relation === 'spouse' ? true : f.datatype.boolean();
		const birth = dateBetween(f, `${endYear - maxAge}-01-01`, `${endYear - minAge}-12-31`);
		const age = endYear - Number(birth.slice(0, 4));
		const name = relation === 'spouse' ? chineseName(f) : `${family}${f.person.firstName()}`;
		out[`m${i + 1}`] = {
			name,
			relation,
			gender: female ? 'female' : 'male',
			birthDate: birth,
			idNumber: idNumberFor(f, region, birth, female),
			schooling:
				age < 6
					? 'preschool'
					: age <= 12
						? 'primary'
						: age <= 15
							? 'junior'
							: age <= 18
								? 'senior'
								: 'graduated',
			health: pick(f, ['healthy', 'healthy', 'healthy', 'chronic', 'serious', 'disabled'] as const),
			labour:
				age < 16
					? 'none'
					: age > 65
						? pick(f, ['weak', 'lost'] as const)
						: pick(f, ['ordinary', 'ordinary', 'skilled', 'weak'] as const),
			residentMedical: f.datatype.boolean(0.97),
			order: i + 1
		};
	}
	return out;
}
