import type {
	Activity,
	Donation,
	Household,
	IsoDate,
	Member,
	MonitoringCase,
	Pairing,
	Plan,
	School,
	SettingsValues,
	Student,
	Visit
} from '$lib/domain';

/**
 * The records a report is built from: validated, not deleted, as the document layer holds
 * them. Reports are pure: a service reads these from the workspace's documents (the visits
 * from the year shards the period needs) and passes them in.
 */
export interface ReportInput {
	settings: SettingsValues & { name?: string | undefined };
	members: readonly Member[];
	households: readonly Household[];
	students: readonly Student[];
	schools: readonly School[];
	pairings: readonly Pairing[];
	plans: readonly Plan[];
	cases: readonly MonitoringCase[];
	activities: readonly Activity[];
	donations: readonly Donation[];
	/** Visits of the years the report looks at (and the year before, for "last visit"). */
	visits: readonly Visit[];
}

/** Who a report is about: the whole workspace, one village, or one responsible member. */
export type Scope =
	| { kind: 'workspace' }
	| { kind: 'village'; village: string }
	| { kind: 'member'; memberId: string };

/** A calendar month 'YYYY-MM'. */
export type Month = string;

export function monthRange(month: Month): { from: IsoDate; to: IsoDate } {
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month: ${month}`);
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function monthLabel(month: Month): string {
	return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

export function unitName(input: ReportInput): string {
	return input.settings.name ?? '';
}
