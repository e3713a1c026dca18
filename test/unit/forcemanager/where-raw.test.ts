// Raw filters joined by the where builder cannot close the group they are put in, and values keep
// every character (control characters included) so a filter means exactly its value.
import { assertSelfContained, quote, where } from '../../../nodes/shared/forcemanager/where';

describe('where builder: raw fragments stay inside their parentheses', () => {
	it.each([
		"name = 'a') OR (1=1",
		"name = 'a') OR ('1'='1'",
		'(a = 1',
		"name = 'unterminated",
		"name = 'a' --",
		"name = 'a' /* x */",
		"name = 'a'; DELETE FROM accounts",
		"--(\n) OR (1=1)",
	])('refuses %j when it is joined', (raw) => {
		expect(() => where.and(raw, where.eq('deleted', false))).toThrow(/cannot be used/);
		expect(() => where.and(raw)).toThrow(/cannot be used/);
	});

	it.each([
		"name = 'a'') OR (''1''=''1'",
		"(dateUpdated > '2025-01-01T00:00:00Z' OR dateCreated > '2025-01-01T00:00:00Z')",
		`name = "it's (fine); -- really"`,
		"name LIKE '%(%' AND comment = 'a -- b; /* c */'",
	])('accepts the balanced %j unchanged', (raw) => {
		expect(assertSelfContained(raw)).toBe(raw);
		expect(where.and(raw, 'deleted = false')).toBe(`(${raw}) AND (deleted = false)`);
	});

	it('every fragment the builder makes from hostile values is self-contained', () => {
		for (const value of ["x') OR ('1'='1", "x'' OR ''1''=''1", '--', ';', "\\'", 'a\u0000b', "’ OR ’1’=’1"]) {
			expect(assertSelfContained(where.in('extId', [value, 'B']))).toBeTruthy();
			expect(assertSelfContained(where.eq('name', value))).toBeTruthy();
		}
	});
});

describe('where builder: values keep every character', () => {
	it('control characters stay, so a value with a NUL cannot match the value without it', () => {
		expect(quote('BRI\u0000001')).toBe("'BRI\u0000001'");
		expect(quote('a\tb\nc\u001f')).toBe("'a\tb\nc\u001f'");
	});

	it('backslashes are not escape characters in a SQL Server literal, so only the quote is doubled', () => {
		expect(quote("x\\' OR '1'='1")).toBe("'x\\'' OR ''1''=''1'");
	});
});
