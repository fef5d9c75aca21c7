// The dashboard screen (/w/<id>/dashboard, viewers too): reads the workspace's records and this
// year's visits, and computes the figures with the pure reports/dashboard.ts; the charts are
// drawn by the screen with echarts, loaded on demand.
import { todayIn, yearOf } from '$lib/domain';
import { dashboardFigures, type DashboardFigures } from '$lib/reports';
import { readReportInput } from '$lib/services/report-source';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { effectiveSettings } from './workspace-settings-read';

export class DashboardManager {
	readonly today = todayIn();
	readonly #session: WorkspaceSession;
	#figures = $state.raw<DashboardFigures | undefined>();
	#failed = $state(false);
	#loading = false;
	#again = false;

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get figures(): DashboardFigures | undefined {
		return this.#figures;
	}

	get failed(): boolean {
		return this.#failed;
	}

	get ready(): boolean {
		return this.#session.alertsReady;
	}

	/** Recomputes from the documents (call when the alerts or records change). */
	async refresh(): Promise<void> {
		if (this.#loading) return void (this.#again = true);
		this.#loading = true;
		try {
			const alerts = this.#session.alerts;
			const settings = effectiveSettings(this.#session);
			const input = await readReportInput(this.#session.docs, { years: [yearOf(this.today)] });
			this.#figures = dashboardFigures({ ...input, settings, today: this.today, alerts });
			this.#failed = false;
		} catch {
			this.#failed = true;
		} finally {
			this.#loading = false;
		}
		// A change that came in while reading is not lost: read once more.
		if (this.#again) {
			this.#again = false;
			await this.refresh();
		}
	}

	/** Follows edits: the alerts are republished after every change the rules see. */
	get alertsVersion(): unknown {
		return this.#session.alerts;
	}
}
