import { visitSubjectKinds } from '../domain/enum-values';
import type { JsonObject } from './merge';

/** Who a visit, plan or case is about: a household, a student or a school. */
export type SubjectKind = (typeof visitSubjectKinds)[number];
export interface SubjectRef {
	kind: SubjectKind;
	id: string;
}

export const subjectKinds: readonly SubjectKind[] = visitSubjectKinds;

/** One string per subject, for maps and sets. */
export const subjectKey = (s: SubjectRef) => `${s.kind}:${s.id}`;

/** The record kinds that are about a subject, and where each keeps it. */
export const SUBJECT_FIELDS = {
	visit: (raw: JsonObject) => pair(raw.subjectKind, raw.subjectId),
	plan: (raw: JsonObject) => pair(raw.subjectKind, raw.subjectId),
	/** A monitoring case (监测对象) is always about a household. */
	case: (raw: JsonObject) => pair('household', raw.householdId)
} as const;
export type SubjectRecordKind = keyof typeof SUBJECT_FIELDS;

/** The subject of a stored record (raw, unvalidated), or undefined when it has none. */
export function subjectOf(kind: SubjectRecordKind, raw: JsonObject | undefined) {
	return raw ? SUBJECT_FIELDS[kind](raw) : undefined;
}

function pair(kind: unknown, id: unknown): SubjectRef | undefined {
	return typeof id === 'string' && subjectKinds.includes(kind as SubjectKind)
		? { kind: kind as SubjectKind, id }
		: undefined;
}
