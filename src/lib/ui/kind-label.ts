// A record kind in one word (the revoked device's list of what had not reached the relay).
import { m } from '$lib/paraglide/messages.js';

const LABELS: Record<string, () => string> = {
	household: m.trash_kind_household,
	visit: m.trash_kind_visit,
	student: m.record_kind_student,
	plan: m.record_kind_plan,
	member: m.record_kind_member,
	case: m.record_kind_case,
	school: m.record_kind_school,
	pairing: m.record_kind_pairing
};

export function kindLabel(kind: string): string {
	return (LABELS[kind] ?? m.trash_kind_other)();
}
