// Renders static/icons/icon.svg into the PNG icons the web app manifest needs, with Debian's
// Chromium (no image toolchain required). Run by hand after changing the SVG:
//   node scripts/make-icons.mjs
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const svg = readFileSync('static/icons/icon.svg', 'utf8');
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox']
});
const page = await browser.newPage();
const shots = [
	['static/icons/icon-192.png', 192, 0],
	['static/icons/icon-512.png', 512, 0],
	// Maskable icons keep their content inside the central 80 % safe zone.
	['static/icons/icon-maskable-512.png', 512, 0.12],
	['static/favicon.png', 64, 0]
];
for (const [path, size, pad] of shots) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * (1 - 2 * pad));
	await page.setContent(
		`<body style="margin:0;background:#1f6f5c;display:grid;place-items:center;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg', `<svg width="${inner}" height="${inner}"`)}</div></body>`
	);
	await page.screenshot({ path, omitBackground: false });
}
await browser.close();
