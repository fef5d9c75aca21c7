import type { DraftOf } from '../../src/lib/domain';
import { push, type Dataset } from './dataset';
import {
	CLASSES,
	MEASURES,
	RECIPIENT_SCHOOLS,
	REGION_CODES,
	SUPPORTING_SCHOOLS,
	TALK_TOPICS,
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

export interface SchoolOptions {
	students?: number;
	staff?: number;
	endYear?: number;
	years?: number;
}

/** Term months: talks happen while school is in. */
const TERM_MONTHS = [3, 4, 5, 6, 9, 10, 11, 12];

/**
 * The school data set of DESIGN.md: 600 students, 40 staff, three years of talks (monthly in
 * term) and home visits (twice a year) by each student's adopting teacher, plus a pairing with
 * recipient schools, its activities and donations.
 */
export function buildSchoolDataset(seed = 1, opts: SchoolOptions = {}): Dataset {
	const f = seededFaker(seed);
	const id = idMaker(f);
	const endYear = opts.endYear ?? 2025;
	const nYears = opts.years ?? 3;
	const years = Array.from({ length: nYears }, (_, i) => endYear - nYears + 1 + i);
	const ds: Dataset = {
		name: 'school',
		workspaceId: `school-${seed}`,
		actor: 'head000001',
		writtenAt: `${endYear}-12-31T10:00:00.000Z`,
		years,
		records: {}
	};
	const ownSchool = pick(f, SUPPORTING_SCHOOLS);
	push(ds, 'settings', 'workspace', { name: `${ownSchool}关爱工作组`, workspaceKind: 'school' });
	push(ds, 'member', ds.actor, {
		name: chineseName(f),
		role: 'leader',
		phone: mobile(f),
		unit: ownSchool
	});
	const staff: string[] = [ds.actor];
	for (let i = 1; i < (opts.staff ?? 40); i++) {
		const sid = id('t');
		staff.push(sid);
		const role = i <= 2 ? 'deputy' : i <= 28 ? 'class_teacher' : 'member';
		push(ds, 'member', sid, { name: chineseName(f), role, phone: mobile(f), unit: ownSchool });
	}
	const selfId = id('s');
	push(ds, 'school', selfId, { name: ownSchool, kind: 'supporting', county: '石屏县' });
	for (const name of RECIPIENT_SCHOOLS.slice(0, 3)) {
		const sid = id('s');
		push(ds, 'school', sid, {
			name,
			kind: 'recipient',
			county: '石屏县',
			contactName: chineseName(f),
			contactPhone: mobile(f)
		});
		const pid = id('p');
		push(ds, 'pairing', pid, {
			kind: 'school_school',
			supporterId: selfId,
			supportedId: sid,
			startDate: `${years[0]}-09-01`,
			agreementSignedDate: `${years[0]}-08-25`,
			agreementText: `甲方：${ownSchool}\n乙方：${name}\n双方本着优势互补、共同发展的原则，开展为期三年的结对帮扶。`,
			helpAreas: {
				management: true,
				teaching: true,
				teacher_development: true,
				campus_culture: true,
				facilities: true
			}
		});
		for (const y of years)
			for (let a = 0; a < 12; a++)
				push(ds, 'activity', id('a'), {
					date: dateBetween(f, `${y}-03-01`, `${y}-12-20`),
					area: pick(f, [
						'management',
						'teaching',
						'teacher_development',
						'campus_culture',
						'facilities'
					] as const),
					kind: pick(f, [
						'demonstration_lesson',
						'lesson_observation',
						'lecture',
						'teacher_exchange',
						'leadership_meeting'
					] as const),
					pairingId: pid,
					participantCount: f.number.int({ min: 3, max: 60 })
				});
		for (let d = 0; d < 5; d++)
			push(ds, 'donation', id('g'), {
				item: pick(f, ['书包', '课外读物', '体育器材', '校服', '电脑']),
				quantity: f.number.int({ min: 5, max: 200 }),
				value: f.number.int({ min: 10, max: 500 }) * 100,
				from: ownSchool,
				to: name,
				date: dateBetween(f, `${years[0]}-09-01`, `${endYear}-12-20`),
				pairingId: pid
			});
	}
	for (let s = 0; s < (opts.students ?? 600); s++) {
		const sid = id('u');
		const teacher = staff[s % staff.length] ?? ds.actor;
		const female = f.datatype.boolean();
		const birth = dateBetween(f, `${endYear - 15}-09-01`, `${endYear - 7}-08-31`);
		const left = f.datatype.boolean(0.5);
		const disabled = f.datatype.boolean(0.05);
		const struggling = f.datatype.boolean(0.3);
		const guardians: NonNullable<DraftOf<'student'>['guardians']> = {
			[id('g')]: {
				name: chineseName(f),
				relation: left ? pick(f, ['grandmother', 'grandfather'] as const) : 'mother',
				phone: mobile(f),
				livesWithChild: true,
				order: 1
			}
		};
		push(ds, 'student', sid, {
			name: chineseName(f),
			gender: female ? 'female' : 'male',
			birthDate: birth,
			idNumber: idNumberFor(f, pick(f, REGION_CODES), birth, female),
			className: `${pick(f, CLASSES)}（${f.number.int({ min: 1, max: 4 })}）班`,
			stage: 'primary',
			boarding: f.datatype.boolean(0.3),
			categories: { left_behind: left, disabled, struggling, low_income: f.datatype.boolean(0.2) },
			guardians,
			parentsWhereabouts: left
				? pick(f, ['父母在浙江务工', '父亲在广东务工', '母亲在昆明务工'])
				: undefined,
			disabilityType: disabled
				? pick(f, ['hearing', 'physical', 'intellectual'] as const)
				: undefined,
			disabilityGrade: disabled ? f.number.int({ min: 1, max: 4 }) : undefined,
			commitmentLetter: {
				signedBy: guardians[Object.keys(guardians)[0] ?? '']?.name,
				signedDate: `${years[0]}-09-05`
			}
		});
		push(ds, 'pairing', id('p'), {
			kind: 'member_student',
			supporterId: teacher,
			supportedId: sid,
			startDate: `${years[0]}-09-01`
		});
		for (const y of years) {
			if (struggling || disabled)
				push(ds, 'plan', id('l'), {
					subjectKind: 'student',
					subjectId: sid,
					year: y,
					text: '诊断：基础知识薄弱，学习习惯有待养成。\n目标：期末数学及格。',
					measures: {
						[id('x')]: {
							type: 'education',
							description: pick(f, MEASURES['education'] ?? ['']),
							ownerId: teacher,
							dueDate: `${y}-12-31`,
							status: 'in_progress',
							order: 1
						}
					}
				});
			for (const month of TERM_MONTHS) {
				const mm = String(month).padStart(2, '0');
				const homeVisit = month === 4 || month === 10;
				push(ds, 'visit', id('v'), {
					kind: homeVisit ? 'home_visit' : 'talk',
					date: dateBetween(f, `${y}-${mm}-01`, `${y}-${mm}-28`),
					subjectKind: 'student',
					subjectId: sid,
					visitorIds: [teacher],
					purpose: homeVisit ? '家访' : pick(f, TALK_TOPICS),
					notes: pick(f, VISIT_NOTES)
				});
			}
		}
	}
	return ds;
}
