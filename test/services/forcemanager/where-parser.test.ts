// The `where` tokenizer and parser on their own: the AST they build and the errors they raise.
import { ApiError } from '../../../sandbox/forcemanager/errors';
import { likeToRegExp } from '../../../sandbox/forcemanager/query';
import { parseWhere, tokenize } from '../../../sandbox/forcemanager/where-parser';

describe('where parser', () => {
	it("turns a doubled quote into one quote inside a single literal token", () => {
		const tokens = tokenize("name = 'x'' OR ''1''=''1'");
		expect(tokens.map((t) => t.type)).toEqual(['ident', 'op', 'string', 'eof']);
		expect(tokens[2].text).toBe("x' OR '1'='1");
	});

	it('builds AND-over-OR precedence, NOT, IN, LIKE and IS NULL nodes', () => {
		const field = (...path: string[]) => ({ kind: 'field', path });
		expect(parseWhere("a = 1 OR b.id IN (2, 'x') AND NOT c NOT LIKE 'y%' AND d IS NOT NULL")).toEqual({
			kind: 'or',
			left: { kind: 'cmp', left: field('a'), op: '=', right: { kind: 'number', value: 1 } },
			right: {
				kind: 'and',
				left: {
					kind: 'and',
					left: { kind: 'in', subject: field('b', 'id'), negate: false, values: [{ kind: 'number', value: 2 }, { kind: 'string', value: 'x' }] },
					right: { kind: 'not', expr: { kind: 'like', subject: field('c'), negate: true, pattern: { kind: 'string', value: 'y%' } } },
				},
				right: { kind: 'isNull', subject: field('d'), negate: true },
			},
		});
	});

	it('normalises != to <> and reads negative and decimal numbers', () => {
		expect(parseWhere('total != -12.5')).toEqual({
			kind: 'cmp',
			left: { kind: 'field', path: ['total'] },
			op: '<>',
			right: { kind: 'number', value: -12.5 },
		});
	});

	it.each([
		...['', 'a', 'a = ', '(a = 1', "a = 'x", 'a = 1 b = 2', 'a IN (1,', 'AND = 1', 'a = 1 --', 'a = 12abc'],
		// A literal alone is no predicate; comments, ';' and typographic quotes are not SQL the API takes.
		...["'1'", '1', 'TRUE', "extId = 'x' /* c */", "extId = 'x'; DELETE FROM accounts", 'extId = ’x’', "'1' = = '1'"],
	])('rejects %j with code 901', (input) => {
		let error: unknown;
		try {
			parseWhere(input);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).code).toBe(901);
	});

	it('LIKE patterns treat regex metacharacters literally', () => {
		expect(likeToRegExp('a.c%').test('abcde')).toBe(false);
		expect(likeToRegExp('a.c%').test('A.Cde')).toBe(true);
		expect(likeToRegExp('(x)_').test('(x)1')).toBe(true);
	});
});
