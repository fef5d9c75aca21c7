// The work group's own deadlines: the monthly ledger, the quarterly report, the township's
// monthly check and the quarterly liaison meeting, from the filings (what was handed in / held).
import { z } from 'zod';
import { addMonths, todayIn, type FilingDuty } from '$lib/domain';
import { defineRule } from './define';
import type { Prepared, WorkspaceFacts } from './types';

const pad = (n: number) => String(n).padStart(2, '0');
const filed = (f: WorkspaceFacts, duty: FilingDuty, period: string) =>
	f.filings.some((x) => !x.deletedAt && x.duty === duty && x.period === period);

/** The latest month whose ledger was due before today: due on day D of the month after. */
export function ledgerDue(ctx: Prepared): { period: string; dueDate: string } {
	const day = pad(ctx.settings.monthlyLedgerDueDay);
	let month = `${ctx.today.slice(0, 7)}-01`;
	for (;;) {
		const period = addMonths(month, -1).slice(0, 7);
		const dueDate = `${month.slice(0, 7)}-${day}`;
		if (dueDate < ctx.today) return { period, dueDate };
		month = addMonths(month, -1);
	}
}

/** The latest quarter whose report was due before today: day D of the quarter's last month. */
export function quarterlyDue(ctx: Prepared): { period: string; dueDate: string } {
	const day = pad(ctx.settings.quarterlyReportDueDay);
	let year = ctx.year;
	let q = Math.floor((Number(ctx.today.slice(5, 7)) - 1) / 3) + 1;
	for (;;) {
		const dueDate = `${year}-${pad(q * 3)}-${day}`;
		if (dueDate < ctx.today) return { period: `${year}-Q${q}`, dueDate };
		q--;
		if (q === 0) {
			q = 4;
			year--;
		}
	}
}

/** A period whose last month ('YYYY-MM') ended before the workspace existed is never due. */
const beforeStart = (ctx: Prepared, lastMonth: string) =>
	ctx.start !== undefined && lastMonth < ctx.start.slice(0, 7);

/**
 * The workspace's first day, for `RuleContext.start`: the day, in the workspace's time zone,
 * of its creation instant (the settings record's `createdAt`, written by its creator).
 */
export function workspaceStart(createdAt: string | undefined, timeZone: string) {
	const at = createdAt === undefined ? NaN : Date.parse(createdAt);
	return Number.isNaN(at) ? undefined : todayIn(timeZone, new Date(at));
}

const periodFigures = z.object({ period: z.string(), dueDate: z.string() });

export const dueLedger = defineRule({
	id: 'DUE-LEDGER',
	category: 'cadence',
	scope: 'workspace',
	severity: 'medium',
	settings: ['monthlyLedgerDueDay'],
	figures: periodFigures,
	evaluate(f, ctx, report) {
		if (f.householdCount === 0) return;
		const due = ledgerDue(ctx);
		if (beforeStart(ctx, due.period)) return;
		if (!filed(f, 'monthly_ledger', due.period)) report({ figures: due });
	}
});

export const dueQuarterly = defineRule({
	id: 'DUE-QUARTERLY',
	category: 'cadence',
	scope: 'workspace',
	severity: 'medium',
	settings: ['quarterlyReportDueDay'],
	figures: periodFigures,
	evaluate(f, ctx, report) {
		if (f.householdCount === 0) return;
		const due = quarterlyDue(ctx);
		if (beforeStart(ctx, due.dueDate.slice(0, 7))) return; // due in the quarter's last month
		if (!filed(f, 'quarterly_report', due.period)) report({ figures: due });
	}
});

const lastFigures = z.object({ last: z.string(), dueDate: z.string(), months: z.number().int() });

/**
 * A duty held at least every N months: the latest filing + N months must not be past. The
 * clock starts with the workspace: never held is late only N months after its first day.
 */
function every(f: WorkspaceFacts, duty: FilingDuty, months: number, ctx: Prepared) {
	let last = '';
	for (const x of f.filings) if (!x.deletedAt && x.duty === duty && x.date > last) last = x.date;
	const from = ctx.start !== undefined && ctx.start > last ? ctx.start : last;
	const dueDate = from ? addMonths(from, months) : '';
	return from && dueDate >= ctx.today ? undefined : { last, dueDate, months };
}

export const dueTownshipCheck = defineRule({
	id: 'DUE-TOWNSHIP-CHECK',
	category: 'cadence',
	scope: 'workspace',
	severity: 'medium',
	settings: ['townshipCheckEveryMonths'],
	figures: lastFigures,
	evaluate(f, ctx, report) {
		if (f.householdCount === 0) return;
		const late = every(f, 'township_check', ctx.settings.townshipCheckEveryMonths, ctx);
		if (late) report({ figures: late });
	}
});

export const dueLiaison = defineRule({
	id: 'DUE-LIAISON',
	category: 'cadence',
	scope: 'workspace',
	severity: 'low',
	settings: ['liaisonMeetingEveryMonths'],
	figures: lastFigures,
	evaluate(f, ctx, report) {
		if (f.householdCount === 0) return;
		const late = every(f, 'liaison_meeting', ctx.settings.liaisonMeetingEveryMonths, ctx);
		if (late) report({ figures: late });
	}
});
