import type { IsoDate } from './dates';
import type { Pairing } from './pairing';

/** The fields of a member ↔ student/household pairing the history needs (raw rows carry them). */
export type PairingLike = Pick<
	Pairing,
	| 'id'
	| 'kind'
	| 'supporterId'
	| 'supportedId'
	| 'startDate'
	| 'endDate'
	| 'deletedAt'
	| 'visitEveryMonths'
>;

/** The pairings where a member helps one person or household (帮扶人). */
export type HelperKind = 'member_student' | 'member_household';

/** Whether a pairing is in force on `today` (started, not ended, not deleted). */
export function isActive(p: PairingLike, today: IsoDate): boolean {
	if (p.deletedAt) return false;
	if (p.startDate && p.startDate > today) return false;
	return !p.endDate || p.endDate >= today;
}

/**
 * A student's (or, with `kind`, a household's) helpers, newest first: a change of helper ends
 * one pairing and starts another, so the rows read as the 帮扶人变更 history of the handbook.
 */
export function pairingHistory<P extends PairingLike>(
	pairings: Iterable<P>,
	supportedId: string,
	kind: HelperKind = 'member_student'
): P[] {
	return [...pairings]
		.filter((p) => p.kind === kind && p.supportedId === supportedId && !p.deletedAt)
		.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || (a.id < b.id ? 1 : -1));
}

/** Members responsible for a student today (one-to-one usually; more than one is allowed). */
export function currentTeachers(
	pairings: Iterable<PairingLike>,
	studentId: string,
	today: IsoDate
): string[] {
	return pairingHistory(pairings, studentId)
		.filter((p) => isActive(p, today))
		.map((p) => p.supporterId);
}

/** Responsible members of every paired student today. */
export function teachersByStudent(
	pairings: Iterable<PairingLike>,
	today: IsoDate
): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const p of pairings) {
		if (p.kind !== 'member_student' || !isActive(p, today)) continue;
		const list = out.get(p.supportedId);
		if (list) list.push(p.supporterId);
		else out.set(p.supportedId, [p.supporterId]);
	}
	return out;
}

/** Students a member is responsible for today ("my students"); with `kind`, households. */
export function studentsOf(
	pairings: Iterable<PairingLike>,
	memberId: string,
	today: IsoDate,
	kind: HelperKind = 'member_student'
): Set<string> {
	const out = new Set<string>();
	for (const p of pairings)
		if (p.kind === kind && p.supporterId === memberId && isActive(p, today)) out.add(p.supportedId);
	return out;
}

/** Households a member helps today ("my households"). */
export function householdsOf(
	pairings: Iterable<PairingLike>,
	memberId: string,
	today: IsoDate
): Set<string> {
	return studentsOf(pairings, memberId, today, 'member_household');
}

/** The pairing in force today for a household or student (the newest started), if any. */
export function currentPairing<P extends PairingLike>(
	pairings: Iterable<P>,
	supportedId: string,
	today: IsoDate,
	kind: HelperKind
): P | undefined {
	return pairingHistory(pairings, supportedId, kind).find((p) => isActive(p, today));
}

export interface TeacherChange {
	/** Pairings to close, with the day before the new one starts as their end date. */
	end: { id: string; endDate: IsoDate }[];
	/** Pairings made the same day (a correction of today's choice): removed, restorable. */
	remove?: string[];
	/** The new pairing, unless the member is already responsible. */
	create?: {
		kind: HelperKind;
		supporterId: string;
		supportedId: string;
		startDate: IsoDate;
		commitment?: string;
		visitEveryMonths?: number;
	};
}

/**
 * What changing a student's responsible teacher writes: the current pairings end the day
 * before `date` and a new one starts on it, so the history stays. A pairing made that same
 * day is a correction of today's choice and is removed instead (soft delete, restorable).
 */
export function changeTeacher(
	pairings: Iterable<PairingLike>,
	studentId: string,
	memberId: string,
	date: IsoDate,
	dayBefore: IsoDate,
	commitment?: string
): TeacherChange {
	return changeHelper('member_student', pairings, studentId, memberId, date, dayBefore, {
		...(commitment ? { commitment } : {})
	});
}

/**
 * The same for any helper kind (a household's cadre): `extra` goes on the new pairing; a
 * household's new pairing keeps the visit cadence of the one it replaces unless told.
 */
export function changeHelper(
	kind: HelperKind,
	pairings: Iterable<PairingLike>,
	supportedId: string,
	memberId: string,
	date: IsoDate,
	dayBefore: IsoDate,
	extra: { commitment?: string; visitEveryMonths?: number } = {}
): TeacherChange {
	const active = pairingHistory(pairings, supportedId, kind).filter((p) => isActive(p, date));
	if (active.some((p) => p.supporterId === memberId) && active.length === 1) return { end: [] };
	const others = active.filter((p) => p.supporterId !== memberId);
	const sameDay = (p: PairingLike) => !!p.startDate && p.startDate >= date;
	const end = others.filter((p) => !sameDay(p)).map((p) => ({ id: p.id, endDate: dayBefore }));
	const remove = others.filter(sameDay).map((p) => p.id);
	const already = active.some((p) => p.supporterId === memberId);
	const closing = remove.length ? { end, remove } : { end };
	const cadence =
		extra.visitEveryMonths ?? active.find((p) => p.visitEveryMonths)?.visitEveryMonths;
	return already
		? closing
		: {
				...closing,
				create: {
					kind,
					supporterId: memberId,
					supportedId,
					startDate: date,
					...(extra.commitment ? { commitment: extra.commitment } : {}),
					...(cadence ? { visitEveryMonths: cadence } : {})
				}
			};
}
