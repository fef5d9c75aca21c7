import { visitSubjectKinds } from '../domain';

/** Who a visit, plan or case is about: a household, a student or a school. */
export type SubjectKind = (typeof visitSubjectKinds)[number];
export interface SubjectRef {
	kind: SubjectKind;
	id: string;
}

export const subjectKinds: readonly SubjectKind[] = visitSubjectKinds;

/** One string per subject, for maps and sets. */
export const subjectKey = (s: SubjectRef) => `${s.kind}:${s.id}`;
