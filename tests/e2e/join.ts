import type { Page } from '@playwright/test';

/** Opens a join link and names the device, as a person joining does. */
export async function joinAs(page: Page, joinUrl: string, deviceName: string) {
	await page.goto(joinUrl);
	await page.getByLabel('这台设备的名称').fill(deviceName);
	await page.getByRole('button', { name: '加入', exact: true }).click();
}
