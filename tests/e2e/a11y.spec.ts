// The accessibility gate: every screen in tests/e2e/screens.ts, with data in it, as owner and
// as a viewer who joined through a real relay invitation. Fails on any serious or critical
// axe violation, on a moderate one not in MODERATE_ALLOWED, on a target under 44 × 44 px,
// on a form error not tied to its field, and on invisible or backwards keyboard focus.
import { expect, test, type Page } from '@playwright/test';
import {
	axeProblems,
	errorProblems,
	focusProblems,
	readonlyProblems,
	targetProblems
} from './a11y/checks';
import { seedWorkspace, type Phone } from './a11y/seed';
import { screens, type Screen, type Seed } from './screens';

// One seeded workspace and one context per role for the whole file (the seeding is the slow
// part); one test per role, one step per screen, and soft assertions so a run reports every
// screen's problems at once.
test.describe.configure({ mode: 'default' });

let seed: Seed;
let phones: Record<'owner' | 'viewer', Phone>;

test.beforeAll(async ({ browser }) => {
	test.setTimeout(120_000);
	const s = await seedWorkspace(browser);
	seed = s.seed;
	phones = { owner: s.owner, viewer: s.viewer };
});

test.afterAll(async () => {
	await phones?.owner.context.close();
	await phones?.viewer.context.close();
});

async function open(page: Page, screen: Screen) {
	await page.goto(screen.path(seed));
	await expect(page.getByRole('heading', { level: 1, name: screen.title(seed) })).toBeVisible();
	// Let the lists and the sync badge settle before measuring.
	await page.waitForLoadState('networkidle').catch(() => {});
}

function report(problems: string[]) {
	expect.soft(problems, problems.join('\n')).toEqual([]);
}

for (const role of ['owner', 'viewer'] as const) {
	test(`${role}: every screen passes the accessibility gate`, async () => {
		// About 4 s a screen when the 2-core machine is shared (32 screens and growing).
		test.setTimeout(300_000);
		const { page } = phones[role];
		for (const screen of screens) {
			await test.step(`${screen.name}: axe, targets, focus`, async () => {
				await open(page, screen);
				report([
					...(await axeProblems(page)).map((p) => `${screen.name}: ${p}`),
					...(await targetProblems(page)).map((p) => `${screen.name}: ${p}`),
					...(await readonlyProblems(page)).map((p) => `${screen.name}: ${p}`),
					...(await focusProblems(page)).map((p) => `${screen.name}: ${p}`)
				]);
			});
			if (role === 'owner' && screen.invalid) {
				await test.step(`${screen.name}: form errors tied to their fields`, async () => {
					await open(page, screen);
					await screen.invalid!(page);
					report([
						...(await errorProblems(page)).map((p) => `${screen.name} (errors): ${p}`),
						...(await axeProblems(page)).map((p) => `${screen.name} (errors): ${p}`)
					]);
				});
			}
		}
	});
}
