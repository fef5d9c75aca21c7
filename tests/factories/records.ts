import type { DraftOf } from '../../src/lib/domain';
import { chineseName, idNumberFor, mobile, pick, seededFaker } from './random';
import { GROUPS, VILLAGES, VISIT_NOTES } from './lists';

/** Small factories for unit tests: a valid draft, overridable field by field. */
export function makeHousehold(
	seed = 1,
	over: Partial<DraftOf<'household'>> = {}
): DraftOf<'household'> {
	const f = seededFaker(seed);
	const head = chineseName(f);
	return {
		headName: head,
		village: pick(f, VILLAGES),
		group: pick(f, GROUPS),
		type: 'marginal',
		members: {
			m1: {
				name: head,
				relation: 'head',
				birthDate: '1970-05-06',
				idNumber: idNumberFor(f, '530102', '1970-05-06', false),
				order: 1
			}
		},
		...over
	};
}

export function makeStudent(seed = 1, over: Partial<DraftOf<'student'>> = {}): DraftOf<'student'> {
	const f = seededFaker(seed);
	return {
		name: chineseName(f),
		birthDate: '2014-03-02',
		categories: { left_behind: true },
		guardians: {
			g1: { name: chineseName(f), relation: 'grandmother', phone: mobile(f), order: 1 }
		},
		...over
	};
}

export function makeVisit(
	subjectId: string,
	date: string,
	seed = 1,
	over: Partial<DraftOf<'visit'>> = {}
): DraftOf<'visit'> {
	const f = seededFaker(seed);
	return {
		kind: 'visit',
		date,
		subjectKind: 'household',
		subjectId,
		notes: pick(f, VISIT_NOTES),
		...over
	};
}

export function makePlan(
	subjectId: string,
	year: number,
	over: Partial<DraftOf<'plan'>> = {}
): DraftOf<'plan'> {
	return { subjectKind: 'household', subjectId, year, text: '', ...over };
}
