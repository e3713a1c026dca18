import { quote, where } from '../../../nodes/shared/forcemanager/where';

describe('where builder escaping', () => {
	test('strings are single-quoted with inner quotes doubled', () => {
		expect(quote("O'Brien")).toBe("'O''Brien'");
		expect(quote(`O'Brien's "Best" Ltd`)).toBe(`'O''Brien''s "Best" Ltd'`);
		expect(where.eq('name', "O'Brien")).toBe("name = 'O''Brien'");
	});

	test('an injection attempt stays inside one literal', () => {
		const evil = "x' OR 1=1 OR name='";
		const clause = where.eq('name', evil);
		expect(clause).toBe("name = 'x'' OR 1=1 OR name='''");
		// Strip the literal: what remains must be exactly "name = " — nothing leaked out.
		const body = clause.slice('name = '.length);
		expect(body.startsWith("'") && body.endsWith("'")).toBe(true);
		expect(body.slice(1, -1).replace(/''/g, '')).not.toContain("'");
	});

	test('numbers and booleans are bare, dates are ISO UTC without zero milliseconds', () => {
		expect(quote(12)).toBe('12');
		expect(quote(-1.5)).toBe('-1.5');
		expect(quote(true)).toBe('true');
		expect(quote(false)).toBe('false');
		expect(quote(new Date('2025-01-02T03:04:05.000Z'))).toBe("'2025-01-02T03:04:05Z'");
		expect(quote(new Date('2025-01-02T03:04:05.120Z'))).toBe("'2025-01-02T03:04:05.120Z'");
	});

	test('invalid values are rejected instead of producing a broken filter', () => {
		expect(() => quote(Number.NaN)).toThrow();
		expect(() => quote(Infinity)).toThrow();
		expect(() => quote(new Date('nope'))).toThrow();
		expect(() => where.eq('name', null)).toThrow(/null/);
		expect(() => where.eq('name', undefined)).toThrow(/undefined/);
		expect(() => where.eq('name', { a: 1 })).toThrow();
	});

	test('field names cannot carry SQL', () => {
		expect(where.eq('typeId.id', 14)).toBe('typeId.id = 14');
		expect(where.eq('Z_Origen', 'web')).toBe("Z_Origen = 'web'");
		expect(() => where.eq('name = name OR 1', 1)).toThrow(/field name/);
		expect(() => where.eq("name'", 1)).toThrow();
		expect(() => where.in('id) OR (1', [1])).toThrow();
	});

	test('comparison operators', () => {
		expect(where.ne('vatNumber', '')).toBe("vatNumber <> ''");
		expect(where.gt('dateUpdated', new Date('2025-01-01T00:00:00Z'))).toBe(
			"dateUpdated > '2025-01-01T00:00:00Z'",
		);
		expect(where.gte('total', 5)).toBe('total >= 5');
		expect(where.lt('total', 5)).toBe('total < 5');
		expect(where.lte('total', 5)).toBe('total <= 5');
		expect(where.like('name', "%O'B%")).toBe("name LIKE '%O''B%'");
	});

	test('IN / NOT IN quote each value and refuse empty lists', () => {
		expect(where.in('extId', ['A1', "B'2", 3])).toBe("extId IN ('A1', 'B''2', 3)");
		expect(where.notIn('id', [12, 15, 19])).toBe('id NOT IN (12, 15, 19)');
		expect(() => where.in('extId', [])).toThrow(/at least one/);
	});

	test('and/or parenthesise parts and skip empty ones', () => {
		expect(where.and(where.eq('deleted', false), undefined, '', where.eq('extId', 'A'))).toBe(
			"(deleted = false) AND (extId = 'A')",
		);
		expect(where.and(undefined, where.eq('a', 1))).toBe('a = 1');
		expect(where.and()).toBe('');
		expect(where.or(where.gt('dateUpdated', 'T'), where.gt('dateCreated', 'T'))).toBe(
			"(dateUpdated > 'T') OR (dateCreated > 'T')",
		);
		// A raw user filter with OR stays grouped, so it cannot widen the deleted filter.
		expect(where.and('a = 1 OR b = 2', 'deleted = false')).toBe('(a = 1 OR b = 2) AND (deleted = false)');
	});
});
