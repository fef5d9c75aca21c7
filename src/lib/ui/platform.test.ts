import { describe, expect, it } from 'vitest';
import { isIosSafari } from './platform';

const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPAD_DESKTOP_UA =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const IPHONE_CHROME =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1';
const IPHONE_WECHAT =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN';
const ANDROID_CHROME =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

describe('isIosSafari', () => {
	it('is true for Safari on an iPhone', () => expect(isIosSafari(IPHONE_SAFARI)).toBe(true));
	it('is true for iPadOS Safari, which reports a Mac with a touch screen', () => {
		expect(isIosSafari(IPAD_DESKTOP_UA, 5)).toBe(true);
		expect(isIosSafari(IPAD_DESKTOP_UA, 0)).toBe(false);
	});
	it('is false for Chrome on iOS, WeChat and Android', () => {
		expect(isIosSafari(IPHONE_CHROME)).toBe(false);
		expect(isIosSafari(IPHONE_WECHAT)).toBe(false);
		expect(isIosSafari(ANDROID_CHROME)).toBe(false);
	});
});
