// API and admin keys: compared as HMAC digests of equal size (no early exit on length), loopback rule.
// The module object itself (not an import namespace), so its functions can be spied on.
import crypto = require('node:crypto');
import { isLoopbackAddress, keyChecker } from '../../../bridge/src/http/auth';

describe('keyChecker (constant-time key comparison)', () => {
	afterEach(() => jest.restoreAllMocks());

	it('accepts only the exact key', () => {
		const check = keyChecker('s3cret-key-0001');
		expect(check('s3cret-key-0001')).toBe(true);
		for (const wrong of ['', 's', 's3cret-key-0002', 's3cret-key-00011', 'S3CRET-KEY-0001', undefined, ['s3cret-key-0001']]) {
			expect(check(wrong)).toBe(false);
		}
	});

	it('takes the same path for missing, short, long, wrong and right keys: one timingSafeEqual of two 32-byte digests', () => {
		const check = keyChecker('expected-key-of-some-length');
		const hmac = jest.spyOn(crypto, 'createHmac');
		const equal = jest.spyOn(crypto, 'timingSafeEqual');
		const inputs: Array<string | string[] | undefined> = [undefined, '', 'x', 'x'.repeat(10_000), 'expected-key-of-some-lengtH', 'expected-key-of-some-length', ['a', 'b']];
		for (const given of inputs) {
			hmac.mockClear();
			equal.mockClear();
			check(given);
			expect(hmac).toHaveBeenCalledTimes(1);
			expect(equal).toHaveBeenCalledTimes(1);
			const [a, b] = equal.mock.calls[0] as [Buffer, Buffer];
			expect([a.length, b.length]).toEqual([32, 32]);
		}
	});

	it('refuses an empty expected key', () => {
		expect(() => keyChecker('')).toThrow(/must not be empty/);
	});
});

describe('isLoopbackAddress (admin API callers)', () => {
	it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('%s is loopback', (a) => expect(isLoopbackAddress(a)).toBe(true));
	it.each(['10.0.0.5', '192.168.1.20', '::ffff:192.168.1.20', 'fe80::1', '0.0.0.0', '1270.0.0.1', '', undefined])('%s is not', (a) =>
		expect(isLoopbackAddress(a)).toBe(false),
	);
});
