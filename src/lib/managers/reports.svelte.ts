// The reports screen: which report, which period and scope, and making the file on the device
// (offline: everything it reads is local). exceljs loads only when a file is made.
import {
	addMonths,
	quarterEnd,
	quarterOf,
	quarterStart,
	todayIn,
	type IsoDate,
	type Quarter
} from '$lib/domain';
import {
	householdRoster,
	monthlyLedgers,
	monthRange,
	postingList,
	quarterlyReport,
	quarterLabel,
	ReportIndex,
	staffTable,
	schoolPairingSummary,
	toCsv,
	type Scope,
	type Table
} from '$lib/reports';
import { CSV_MIME } from '$lib/reports/csv';
import { leftOut, readReportInput, visitsNeeded } from '$lib/services/report-source';
import { readNarrative } from './quarterly-narrative.svelte';
import { canShareFiles, download, share } from '$lib/services/save-file';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export const REPORT_KINDS = [
	'monthly',
	'quarterly',
	'staff',
	'school',
	'posting',
	'roster'
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type FileFormat = 'xlsx' | 'csv';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface MadeFile {
	name: string;
	mime: string;
	data: Uint8Array | string;
	rows: number;
}

export class ReportsManager {
	readonly #session: WorkspaceSession;
	readonly today: IsoDate = todayIn();
	/** Ledgers are handed in by the 10th for the month before: that month is the default. */
	kind = $state<ReportKind>('monthly');
	month = $state(addMonths(todayIn(), -1).slice(0, 7));
	scope = $state<'workspace' | 'village' | 'member'>('workspace');
	village = $state('');
	memberId = $state('');
	#busy = $state(false);
	#error = $state<string | undefined>();
	#made = $state.raw<MadeFile | undefined>();
	#leftOut = $state(0);

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get busy() {
		return this.#busy;
	}
	get error() {
		return this.#error;
	}
	get made() {
		return this.#made;
	}
	/**
	 * How many households or students the last file left out because their visits are on
	 * this device but their files are not (or are invalid): said beside the file, never silent.
	 */
	get leftOut(): number {
		return this.#leftOut;
	}
	/** The quarter of the chosen month (the quarterly report's period). */
	get quarter(): Quarter {
		return quarterOf(`${this.month}-01`);
	}
	get canShare(): boolean {
		return canShareFiles();
	}

	get villages(): string[] {
		// A plain set built and spread at once: nothing observes it.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const set = new Set<string>();
		for (const r of this.#session.rows('household')) {
			const v = (r.raw as { village?: unknown }).village;
			if (!r.deleted && typeof v === 'string' && v) set.add(v);
		}
		return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
	}

	get members(): { id: string; name: string }[] {
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => ({ id: r.id, name: String((r.raw as { name?: unknown }).name ?? '') }));
	}

	#scope(): Scope {
		if (this.scope === 'village' && this.village) return { kind: 'village', village: this.village };
		if (this.scope === 'member' && this.memberId)
			return { kind: 'member', memberId: this.memberId };
		return { kind: 'workspace' };
	}

	#period(): { from: IsoDate; to: IsoDate; label: string } {
		const { from, to } = monthRange(this.month);
		if (this.kind === 'monthly' || this.kind === 'posting')
			return { from, to, label: `${this.month.slice(0, 4)}年${Number(this.month.slice(5))}月` };
		if (this.kind === 'quarterly') {
			const q = quarterOf(from);
			return { from: quarterStart(q), to: quarterEnd(q), label: quarterLabel(q) };
		}
		const y = this.month.slice(0, 4);
		return { from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年` };
	}

	fileName(format: FileFormat): string {
		const names: Record<ReportKind, string> = {
			monthly: '监测排查及帮扶措施台账',
			quarterly: '季度工作报告',
			staff: '结对走访统计表',
			school: '结对帮扶工作汇总',
			posting: '公示名单',
			roster: '家庭成员花名册'
		};
		const scope = this.#scope();
		const who = scope.kind === 'village' ? `_${scope.village}` : '';
		return `${this.#session.name}_${names[this.kind]}${who}_${this.#period().label}.${format}`;
	}

	async #tables(): Promise<Table[]> {
		const { from, to, label } = this.#period();
		const y = Number(from.slice(0, 4));
		const input = await readReportInput(this.#session.docs, visitsNeeded(this.kind, from, to));
		const left = leftOut(this.#session.docs.main, input.visits);
		this.#leftOut = left.missing.length + left.invalid.length;
		const scope = this.#scope();
		switch (this.kind) {
			case 'monthly':
				return monthlyLedgers(input, this.month, scope, this.today);
			case 'quarterly':
				return quarterlyReport(
					input,
					quarterOf(from),
					scope,
					this.today,
					readNarrative(this.#session, quarterOf(from))
				);
			case 'staff':
				return [staffTable(input, from, to, this.today, label)];
			case 'school':
				return schoolPairingSummary(input, from, to, this.today, label);
			case 'posting': {
				const village = this.village || new ReportIndex(input).villages()[0] || '';
				return [postingList(input, village, from, to, this.today, label)];
			}
			case 'roster':
				return [householdRoster(input, scope, y, this.today)];
		}
	}

	/** Makes the file on the device; the route then offers it (download or share). */
	async make(format: FileFormat): Promise<MadeFile | undefined> {
		this.#busy = true;
		this.#error = undefined;
		this.#leftOut = 0;
		try {
			const tables = await this.#tables();
			const rows = tables.reduce((n, t) => n + t.rows.length, 0);
			const name = this.fileName(format);
			let file: MadeFile;
			if (format === 'csv') file = { name, mime: CSV_MIME, data: toCsv(tables[0]!), rows };
			else {
				const { writeXlsx } = await import('$lib/reports/xlsx');
				file = { name, mime: XLSX_MIME, data: await writeXlsx(tables), rows };
			}
			this.#made = file;
			return file;
		} catch (e) {
			this.#error = e instanceof Error ? e.message : String(e);
			return undefined;
		} finally {
			this.#busy = false;
		}
	}

	async download(format: FileFormat): Promise<void> {
		const file = await this.make(format);
		if (file) download(file.data, file.name, file.mime);
	}

	async share(format: FileFormat): Promise<void> {
		const file = await this.make(format);
		if (file) await share(file.data, file.name, file.mime);
	}
}
