// Which "install" the browser offers. Chromium browsers fire `beforeinstallprompt`; iOS
// Safari never does, and its only way is Share → 添加到主屏幕, which we explain instead.

/**
 * True for Safari on iPhone and iPad. iPadOS 13+ says "Macintosh" in its user agent, so a
 * touch screen tells it apart from a Mac. Other iOS browsers (CriOS, FxiOS, EdgiOS) and
 * in-app browsers such as WeChat's are excluded: their menus differ or cannot add to the
 * home screen at all.
 */
export function isIosSafari(userAgent: string, maxTouchPoints = 0): boolean {
	const ios =
		/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
	if (!ios || !/Safari\//.test(userAgent)) return false;
	return !/CriOS|FxiOS|EdgiOS|OPiOS|MicroMessenger|QQ\/|Weibo|DingTalk/.test(userAgent);
}
