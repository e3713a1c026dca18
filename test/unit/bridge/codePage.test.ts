// The code-page rule (issue 9 §1, "Text the Sage company can hold"): one implementation
// (bridge/src/codePage.ts) used by the simulated company and the SDO writer alike.
import type { BridgeError } from '../../../bridge/src/errors';
import { CodePage } from '../../../bridge/src/codePage';
import { CUSTOMER_FIELDS } from '../../../bridge/src/fields';
import { checkFields } from '../../../bridge/src/sim/rules';
import { SimulatedCompany } from '../../../bridge/src/sim/company';
import { seedCompany } from '../../../bridge/src/seed/demo';
import { BridgeClock } from '../../../bridge/src/time';

const fail = CodePage.of({ codePage: 'windows-1252', onUnsupported: 'fail' });
const translit = CodePage.of({ codePage: 'windows-1252', onUnsupported: 'transliterate' });

function refusal(fn: () => unknown): ReturnType<BridgeError['toBody']> | undefined {
	try {
		fn();
	} catch (error) {
		return (error as BridgeError).toBody();
	}
	return undefined;
}

describe('code page: what Windows-1252 holds', () => {
	it('holds ASCII, Latin-1 and the 0x80–0x9F extras; tab, CR, LF; no other controls', () => {
		for (const ch of [...'Az09 !~£é ÿ€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ', '\t', '\r', '\n']) expect(fail.holds(ch)).toBe(true);
		for (const ch of ['Ł', 'ş', 'Α', 'М', '北', '😀', '☎', '\u0000', '\u007f', '\u0085', '\u200b']) expect(fail.holds(ch)).toBe(false);
	});

	it('lists each unholdable character once, in order, after NFC (a decomposed é is held)', () => {
		expect(fail.unholdable('Łódź Łódź 😀')).toEqual(['Ł', 'ź', '😀']);
		expect(fail.unholdable('Cafe\u0301')).toEqual([]);
	});

	it('another code page holds other letters (windows-1250 holds Ł, not ñ)', () => {
		const cp1250 = CodePage.of({ codePage: 'windows-1250', onUnsupported: 'fail' });
		expect(cp1250.unholdable('Łódź España')).toEqual(['ñ']);
	});

	it('refuses an unknown code page or mode (a configuration error, at start-up)', () => {
		expect(() => CodePage.of({ codePage: 'klingon-1', onUnsupported: 'fail' })).toThrow(/klingon-1/);
		expect(() => CodePage.of({ codePage: 'windows-1252', onUnsupported: 'drop' as never })).toThrow(/onUnsupported/);
	});
});

describe('code page: onUnsupported "fail"', () => {
	it('fails the record naming the field, the record, the value and each character with its code point', () => {
		expect(refusal(() => fail.text('Łódź Imports 😀', 'NAME', 'LODZ01'))).toEqual({
			code: 'VALIDATION_FAILED',
			retryable: false,
			field: 'NAME',
			record: 'LODZ01',
			message: 'NAME "Łódź Imports 😀" of LODZ01 has characters Sage cannot hold (windows-1252 only): "Ł" (U+0141), "ź" (U+017A), "😀" (U+1F600)',
		});
		expect(refusal(() => fail.text('Unit 4\u0000 Dock Road', 'ADDRESS_1'))?.message).toBe('ADDRESS_1 "Unit 4\u0000 Dock Road" has characters Sage cannot hold (windows-1252 only): U+0000');
	});

	it('stores held text unchanged (NFC)', () => {
		expect(fail.text('Zoë’s “Best” Café € – Ærø', 'NAME')).toBe('Zoë’s “Best” Café € – Ærø');
		expect(fail.text('Cafe\u0301', 'NAME')).toBe('Café');
	});
});

describe('code page: onUnsupported "transliterate" (the documented rule)', () => {
	it.each([
		['table letters', 'Łódź Đakovo Ħamrun ıspir', 'Lódz Dakovo Hamrun ispir'],
		['NFKD without combining marks', 'Kuşadası Škoda Őrség', 'Kusadasi Škoda Orség'],
		['compatibility forms', 'ﬁne Ａ１ thin\u2009space', 'fine A1 thin space'],
		['hyphens and minus', 'A\u2010B\u2011C \u2212 5', 'A-B-C - 5'],
		['emoji removed, spaces shrink', 'Sunny 😀 Cafe', 'Sunny Cafe'],
		['emoji at the ends and joined', '👍🏽 Great 👨‍👩‍👧', 'Great'],
		['emoji inside a word', 'Smile🙂d', 'Smiled'],
		['flags and pictographs', 'UK 🇬🇧 ☎ 01632', 'UK 01632'],
		['controls removed', 'Unit 4\u0000 Dock\u0007 Road', 'Unit 4 Dock Road'],
		['other scripts become ?', 'Москва 北京', '?????? ??'],
		['held text untouched', "O'Neill & Sons € “quoted”\tTab", "O'Neill & Sons € “quoted”\tTab"],
	])('%s: %j → %j', (_what, value, stored) => {
		expect(translit.text(value, 'NAME')).toBe(stored);
		expect(translit.unholdable(translit.text(value, 'NAME'))).toEqual([]);
	});

	it('checks lengths on the transliterated value (ﬃ becomes three letters)', () => {
		expect(checkFields({ NAME: `${'x'.repeat(57)}ﬃ` }, CUSTOMER_FIELDS, translit, 'X1').NAME).toBe(`${'x'.repeat(57)}ffi`);
		expect(refusal(() => checkFields({ NAME: `${'x'.repeat(58)}ﬃ` }, CUSTOMER_FIELDS, translit, 'X1'))).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'NAME', message: expect.stringContaining('is 61 characters') });
	});
});

describe('checkFields with the code page', () => {
	it('fail mode names an over-long value before its characters; transliterate mode measures the result', () => {
		const long = `Łódź ${'x'.repeat(60)}`;
		expect(refusal(() => checkFields({ NAME: long }, CUSTOMER_FIELDS, fail, 'L1'))).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'NAME' });
		expect(refusal(() => checkFields({ NAME: long }, CUSTOMER_FIELDS, translit, 'L1'))).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'NAME', message: expect.stringContaining('"Lódz xxx') });
		expect(checkFields({ NAME: 'Łódź', CREDIT_LIMIT: 5 }, CUSTOMER_FIELDS, translit, 'L1')).toEqual({ NAME: 'Lódz', CREDIT_LIMIT: 5 });
	});

	it('names the line field of a document (ITEMS[0].DESCRIPTION)', () => {
		expect(refusal(() => checkFields({ DESCRIPTION: 'Ω' }, { DESCRIPTION: { type: 'text', max: 60 } }, fail, '7', 'ITEMS[0].'))).toMatchObject({ field: 'ITEMS[0].DESCRIPTION', record: '7' });
	});
});

describe('the simulated company meets the same rule', () => {
	const company = (mode: 'fail' | 'transliterate') => {
		const c = new SimulatedCompany(':memory:', new BridgeClock(() => new Date('2030-01-01T00:00:00Z')), CodePage.of({ codePage: 'windows-1252', onUnsupported: mode }));
		seedCompany(c, 'demo');
		return c;
	};

	it('fails a customer with Ł and writes nothing (fail)', () => {
		const c = company('fail');
		const before = c.dumpTable('SALES_LEDGER').length;
		expect(refusal(() => c.createCustomer({ ACCOUNT_REF: 'LODZ01', NAME: 'Łódź Imports' }, 'bridge'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'NAME', record: 'LODZ01' });
		expect(c.dumpTable('SALES_LEDGER')).toHaveLength(before);
		c.store.close();
	});

	it('transliterates customers, contacts and order lines (transliterate)', () => {
		const c = company('transliterate');
		expect(c.createCustomer({ ACCOUNT_REF: 'LODZ01', NAME: 'Łódź Imports 😀' }, 'bridge').NAME).toBe('Lódz Imports');
		expect(c.createAddress('LODZ01', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Paweł Kuş' }, 'bridge').CONTACT_NAME).toBe('Pawel Kus');
		const order = c.documents.createSalesOrder({ ACCOUNT_REF: 'LODZ01', NOTES_1: 'Dziękuję 🙏', ITEMS: [{ STOCK_CODE: 'BOARD001', DESCRIPTION: 'Tablica – biała' }] }, 'bridge');
		expect(order.NOTES_1).toBe('Dziekuje');
		expect((order.ITEMS as { DESCRIPTION: string }[])[0].DESCRIPTION).toBe('Tablica – biala');
		c.store.close();
	});
});
