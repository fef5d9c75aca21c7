import { describe, expect, it } from 'vitest';
import zh from '../../../messages/zh-CN.json';
import en from '../../../messages/en.json';
import { villageKeys } from './village-enums';

describe('monitoring enum labels', () => {
	it('has a Chinese and an English label for every value', () => {
		for (const key of villageKeys()) {
			expect((zh as Record<string, string>)[key], key).toMatch(/[\u4e00-\u9fff]/);
			expect((en as Record<string, string>)[key], key).toBeTruthy();
		}
	});
});
