import { generateCompany } from '../../../bridge/src/seed/generate';
import { SimulatedCompany } from '../../../bridge/src/sim/company';
import { BridgeError } from '../../../bridge/src/errors';
import { CUSTOMER_FIELDS } from '../../../bridge/src/fields';
import { CodePage } from '../../../bridge/src/codePage';
import { checkFields, generateAccountRef, lineAmounts, normaliseAccountRef, round2 } from '../../../bridge/src/sim/rules';
import { BridgeClock, parseDuration, parseInstant, ukLocal } from '../../../bridge/src/time';

describe('UK local time', () => {
	it('gives BST and GMT offsets around the October fall-back', () => {
		expect(ukLocal(Date.parse('2025-10-26T00:30:00Z') / 1000)).toMatchObject({ sage: '2025-10-26 01:30:00', iso: '2025-10-26T01:30:00+01:00', offsetMinutes: 60 });
		expect(ukLocal(Date.parse('2025-10-26T01:30:00Z') / 1000)).toMatchObject({ sage: '2025-10-26 01:30:00', iso: '2025-10-26T01:30:00+00:00', offsetMinutes: 0 });
		expect(ukLocal(Date.parse('2025-03-30T01:00:00Z') / 1000).iso).toBe('2025-03-30T02:00:00+01:00');
	});

	it('parses RFC 3339 instants only', () => {
		expect(parseInstant('2025-10-26T01:30:00+00:00')).toBe(Date.parse('2025-10-26T01:30:00Z') / 1000);
		expect(parseInstant('2025-10-26')).toBeUndefined();
		expect(parseInstant('2025-10-26T01:30:00')).toBeUndefined();
	});

	it('clock can be frozen, set and advanced', () => {
		const clock = new BridgeClock(() => new Date('2030-01-01T00:00:00Z'));
		clock.advance(90);
		expect(clock.now().toISOString()).toBe('2030-01-01T00:01:30.000Z');
		clock.freeze(new Date('2031-05-05T05:05:05.900Z'));
		expect(clock.nowSeconds()).toBe(Date.parse('2031-05-05T05:05:05Z') / 1000);
	});
});

describe('durations (--idempotency-ttl)', () => {
	it('reads seconds, minutes, hours and days as whole seconds ≥ 1', () => {
		expect(parseDuration('24h')).toBe(86400);
		expect(parseDuration('90m')).toBe(5400);
		expect(parseDuration('7d')).toBe(604800);
		expect(parseDuration('3600')).toBe(3600);
		expect(parseDuration(' 45s ')).toBe(45);
	});

	it('refuses anything else', () => {
		for (const bad of ['', '0', '0h', '1.5h', '-1', '24 h', '1w', 'h']) expect(parseDuration(bad)).toBeUndefined();
	});
});

describe('account references', () => {
	it('upper-cases and validates', () => {
		expect(normaliseAccountRef('abc-01')).toBe('ABC-01');
		expect(() => normaliseAccountRef('')).toThrow(/empty/);
		expect(() => normaliseAccountRef('A B')).toThrow(/spaces/);
		expect(() => normaliseAccountRef('ABCDEFGHI')).toThrow(/longer/);
		expect(() => normaliseAccountRef("O'BRIEN")).toThrow(/characters/);
	});

	it('A4 generates references within the rules that never collide', () => {
		const taken = new Set<string>();
		for (let i = 0; i < 1200; i++) taken.add(generateAccountRef('The Quick Brown Fox Ltd', (r) => taken.has(r)));
		expect(taken.size).toBe(1200);
		for (const ref of taken) expect(() => normaliseAccountRef(ref)).not.toThrow();
		expect(generateAccountRef('!!!', () => false)).toBe('CUST01');
	});
});

describe('text Sage can hold (Windows-1252, lengths)', () => {
	const refusal = (input: Record<string, string>) => {
		try {
			checkFields(input, CUSTOMER_FIELDS, CodePage.of(), 'ABS001');
		} catch (error) {
			return (error as BridgeError).toBody();
		}
		return undefined;
	};

	it('holds Latin-1 and the Windows-1252 extras (curly quotes, euro, dashes), tabs and line breaks', () => {
		expect(CodePage.of().unholdable('Zoë’s “Best” Café € – Ærø Straße\t\r\n')).toEqual([]);
		expect(refusal({ NAME: "O'Neill & Sons; DROP TABLE--" })).toBeUndefined();
	});

	it('refuses emoji, CJK, Greek, Cyrillic, Central European letters and controls, naming field, value and characters', () => {
		expect(CodePage.of().unholdable('Sunny 😀 Cafe 北京 Αθήνα Москва Łódź ş')).toEqual(['😀', '北', '京', 'Α', 'θ', 'ή', 'ν', 'α', 'М', 'о', 'с', 'к', 'в', 'а', 'Ł', 'ź', 'ş']);
		expect(CodePage.of().unholdable('a\u0000b\u007f\u0085')).toEqual(['\u0000', '\u007f', '\u0085']);
		expect(refusal({ NAME: 'Sunny 😀 Cafe' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'NAME', message: 'NAME "Sunny 😀 Cafe" of ABS001 has characters Sage cannot hold (windows-1252 only): "😀" (U+1F600)' });
		expect(refusal({ ADDRESS_1: 'Unit 4\u0000 Dock Road' })?.message).toMatch(/ADDRESS_1 .* cannot hold .*: U\+0000$/);
	});

	it('refuses over-long text naming field, value (its first 40 characters) and length; never truncates', () => {
		const long = `Overlong Trading Name ${'X'.repeat(39)}`;
		expect(refusal({ NAME: long })).toMatchObject({
			code: 'FIELD_TOO_LONG',
			field: 'NAME',
			message: `NAME "${long.slice(0, 40)}…" is 61 characters; Sage allows at most 60`,
		});
		expect(refusal({ NAME: 'x'.repeat(60) })).toBeUndefined();
	});
});

describe('money', () => {
	it('rounds half away from zero at 2 dp and computes line VAT from net', () => {
		expect(round2(1.005)).toBe(1.01);
		expect(round2(-1.005)).toBe(-1.01);
		expect(round2(26.994)).toBe(26.99);
		expect(lineAmounts(3, 44.99, 0, 20)).toEqual({ FULL_NET_AMOUNT: 134.97, DISCOUNT_AMOUNT: 0, NET_AMOUNT: 134.97, TAX_AMOUNT: 26.99, GROSS_AMOUNT: 161.96 });
		expect(lineAmounts(1.5, 65, 10, 20)).toEqual({ FULL_NET_AMOUNT: 97.5, DISCOUNT_AMOUNT: 9.75, NET_AMOUNT: 87.75, TAX_AMOUNT: 17.55, GROSS_AMOUNT: 105.3 });
	});
});

describe('generator', () => {
	it('is deterministic and fills customers, addresses and products', () => {
		const run = () => {
			const company = new SimulatedCompany(':memory:', new BridgeClock(() => new Date('2030-01-01T00:00:00Z')));
			const counts = generateCompany(company, { customers: 3000, products: 50, seed: 7 });
			const names = company.dumpTable('SALES_LEDGER').map((r) => `${r.ACCOUNT_REF}:${r.NAME}`);
			company.store.close();
			return { counts, names };
		};
		const a = run();
		const b = run();
		expect(a.counts.customers).toBe(3000);
		expect(a.counts.addresses).toBeGreaterThanOrEqual(9000);
		expect(a.names).toEqual(b.names);
		expect(new Set(a.names).size).toBe(3000);
	});
});
