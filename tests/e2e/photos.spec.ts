import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { joinAs } from './join';
import { invite, newPhone, ownerWithHousehold, setName, share, shot } from './phones';

// Issue 9 #3 "photos stay on the phone that took them": a visit's photos and checklist
// answers are shown on the visit, in a full-screen viewer, on another member's phone (fetched
// from the relay's blob API), and still there offline once seen. Separate contexts, the real
// relay, real JPEG files.

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const controlled = (page: Page) =>
	page.waitForFunction(() => navigator.serviceWorker.controller !== null);

/** Every photo button of the visit shows a decoded image. */
async function expectPhotosShown(page: Page, count: number) {
	const photos = page.getByTestId('visit').getByTestId('visit-photo');
	await expect(photos).toHaveCount(count);
	for (let i = 0; i < count; i++) {
		await expect(photos.nth(i)).toHaveAttribute('data-state', 'shown', { timeout: 20_000 });
		await expect
			.poll(() =>
				photos
					.nth(i)
					.locator('img')
					.evaluate((img: HTMLImageElement) => img.naturalWidth)
			)
			.toBeGreaterThan(100);
	}
}

test('[F3] photos taken offline on A go up when A is online, are shown on B with the checklist answers, in the viewer, and offline once seen', async ({
	browser
}) => {
	const a = await newPhone(browser);
	await setName(a.page, '张老师');
	const householdUrl = await ownerWithHousehold(a.page, '陈桂兰');
	await share(a.page);
	const joinUrl = await invite(a.page, '邀请成员（可编辑）');

	// A, with no signal: a visit with two photos and two checklist answers.
	await a.page.goto(householdUrl);
	await controlled(a.page);
	await a.context.setOffline(true);
	await a.page.getByRole('main').getByRole('link', { name: '记走访' }).click();
	await a.page.getByLabel('有人患病或受伤').check();
	await a.page.getByLabel('饮水有困难').check();
	await a.page.getByLabel('情况记录').fill('老人腿伤未愈，井水浑浊。');
	await a.page
		.locator('input[type=file]')
		.setInputFiles([fixture('visit-photo.jpg'), fixture('visit-photo-2.jpg')]);
	await expect(a.page.getByText('已添加 2 张照片')).toBeVisible({ timeout: 20_000 });
	await a.page.getByRole('button', { name: '保存' }).click();
	await expect(a.page.getByRole('heading', { name: '陈桂兰', level: 1 })).toBeVisible();
	const visitA = a.page.getByTestId('visit');
	await expect(visitA.getByTestId('visit-findings')).toContainText('有人患病或受伤');
	await expect(visitA.getByTestId('visit-findings')).toContainText('饮水有困难');
	await expectPhotosShown(a.page, 2);
	await expect(visitA.getByText('待上传').first()).toBeVisible();
	await expect(a.page.getByTestId('photos-waiting')).toContainText('2');
	await shot(a.page, 'photos-a-offline');

	// Online again: the photos reach the relay and the header's count goes away.
	await a.context.setOffline(false);
	await expect(a.page.getByTestId('photos-waiting')).toHaveCount(0, { timeout: 30_000 });
	await expect(a.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });

	// B, another member's phone: the visit, its answers and both photos from the relay.
	const b = await newPhone(browser);
	await setName(b.page, '李老师');
	await joinAs(b.page, joinUrl, '李老师的手机');
	await expect(b.page.getByRole('heading', { name: '石门村工作组', level: 1 })).toBeVisible();
	await b.page.goto(householdUrl);
	await controlled(b.page);
	const visitB = b.page.getByTestId('visit');
	await expect(visitB.getByTestId('visit-findings')).toContainText('饮水有困难', {
		timeout: 20_000
	});
	await expect(visitB).toContainText('老人腿伤未愈');
	await expectPhotosShown(b.page, 2);
	await expect(visitB.getByText('待上传')).toHaveCount(0);
	await shot(b.page, 'photos-b');

	// The viewer: full screen, next/previous, swipe, Esc and the close button.
	await visitB.getByRole('button', { name: '查看照片 1/2' }).click();
	const viewer = b.page.getByRole('dialog', { name: '照片 1/2' });
	await expect(viewer).toBeVisible();
	await expect(viewer.getByRole('img', { name: '走访照片 1/2' })).toBeVisible();
	const box = await viewer.boundingBox();
	expect(box?.width).toBe(390);
	await shot(b.page, 'photos-viewer');
	await viewer.getByRole('button', { name: '下一张' }).click();
	await expect(b.page.getByRole('img', { name: '走访照片 2/2' })).toBeVisible();
	await b.page.keyboard.press('ArrowRight');
	await expect(b.page.getByRole('img', { name: '走访照片 1/2' })).toBeVisible();
	await b.page.keyboard.press('Escape');
	await expect(b.page.getByTestId('photo-viewer')).toBeHidden();
	await expect(visitB.getByRole('button', { name: '查看照片 1/2' })).toBeFocused();
	await visitB.getByRole('button', { name: '查看照片 2/2' }).click();
	await b.page.getByRole('button', { name: '关闭' }).click();
	await expect(b.page.getByTestId('photo-viewer')).toBeHidden();

	// B loses signal and reloads: the photos it saw are on the device.
	await b.context.setOffline(true);
	await b.page.reload();
	await expect(b.page.getByRole('heading', { name: '陈桂兰', level: 1 })).toBeVisible();
	await expectPhotosShown(b.page, 2);
	await shot(b.page, 'photos-b-offline');
	await a.context.close();
	await b.context.close();
});
