// What the school-side rules (school-rules.ts) look at, per scope of the registry.
import type { Activity, IsoDate, Pairing, Plan, Student } from '$lib/domain';

/** Latest contact of each kind with one student, from whichever year shard holds it. */
export interface LastContacts {
	talk?: IsoDate;
	home_visit?: IsoDate;
	phone_call?: IsoDate;
}

/** Scope `student`: one student's file, responsible members today, plans, latest contacts. */
export interface StudentFacts {
	id: string;
	student: Student;
	teacherIds: readonly string[];
	plans: readonly Plan[];
	last: LastContacts;
}

/** Scope `school`: one school ↔ school pairing (id: the supported school) and its activities. */
export interface SchoolPairingFacts {
	id: string;
	pairing: Pairing;
	activities: readonly Activity[];
}
