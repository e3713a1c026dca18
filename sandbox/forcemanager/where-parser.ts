// Tokenizer and recursive-descent parser for the `where` filter (notes §4.3, checklist §14.4).
// The real API is "SQL-style" (S2) and answers SQL it cannot generate with 901 (S2), which suggests the
// filter is translated to SQL on SQL Server (notes §4.3 [I]). So an operand is a field *or* a literal on
// either side, as in SQL: `'1'='1'`, `1=1` and `'BRI001' = extId` are valid filters there, and an
// escaping bug that turns a value into `x' OR '1'='1` widens the result instead of failing. The simulator
// must show that, so it accepts and evaluates them (query.ts).
// Grammar (keywords case-insensitive):
//   expr       := andExpr (OR andExpr)*                                      notes §4.3: OR (S2, S8b)
//   andExpr    := unary (AND unary)*                                         notes §4.3: AND, any case (S8a)
//   unary      := NOT unary | '(' expr ')' | predicate                       parentheses (S8b); NOT (SQL)
//   predicate  := operand ( cmpOp operand                                    = > (S2), <> (S8a), others SQL
//                         | [NOT] LIKE operand                               LIKE / NOT LIKE (S2, S8d)
//                         | [NOT] IN '(' operand (',' operand)* ')'          NOT IN (S8a)
//                         | IS [NOT] NULL )                                  IS NULL: notes §17.3, SQL
//   cmpOp      := '=' | '<>' | '!=' | '>' | '>=' | '<' | '<='
//   operand    := field | literal
//   field      := IDENT ('.' IDENT)*                                         name, accountId.id (S8a), Z_SKU
//   literal    := 'single quoted' ('' escapes a quote, S8c + SQL) | "double quoted" (S3 [I]) | number
//               | TRUE | FALSE (notes §4.3 [I]) | NULL
// Anything else is a syntax error (400, code 901): SQL comments (`--`, `/* */`), `;`, a bare operand
// without a comparison, unbalanced parentheses or quotes. Whether the real API passes comments or
// statement separators through to SQL is unknown (notes §17.3); rejecting them is the conservative
// reading of "901: the SQL is not generated correctly". Nothing is ever evaluated as code.
import { badQuery } from './errors';

export type Literal =
	| { kind: 'string'; value: string }
	| { kind: 'number'; value: number }
	| { kind: 'bool'; value: boolean }
	| { kind: 'null' };

export type Operand = { kind: 'field'; path: string[] } | Literal;

export type CmpOp = '=' | '<>' | '>' | '>=' | '<' | '<=';

export type WhereExpr =
	| { kind: 'and' | 'or'; left: WhereExpr; right: WhereExpr }
	| { kind: 'not'; expr: WhereExpr }
	| { kind: 'cmp'; left: Operand; op: CmpOp; right: Operand }
	| { kind: 'like'; subject: Operand; pattern: Operand; negate: boolean }
	| { kind: 'in'; subject: Operand; values: Operand[]; negate: boolean }
	| { kind: 'isNull'; subject: Operand; negate: boolean };

type Token =
	| { type: 'ident'; text: string; pos: number }
	| { type: 'string'; text: string; pos: number }
	| { type: 'number'; text: string; pos: number }
	| { type: 'op'; text: string; pos: number }
	| { type: '(' | ')' | ',' | 'eof'; text: string; pos: number };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE']);

export function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		const ch = input[i];
		if (/\s/.test(ch)) {
			i++;
		} else if (ch === "'" || ch === '"') {
			const start = i;
			let text = '';
			i++;
			for (;;) {
				if (i >= input.length) throw badQuery(`Unterminated string starting at position ${start}`);
				if (input[i] === ch) {
					if (input[i + 1] === ch) {
						text += ch; // doubled quote = one literal quote
						i += 2;
						continue;
					}
					i++;
					break;
				}
				text += input[i++];
			}
			tokens.push({ type: 'string', text, pos: start });
		} else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(input[i + 1] ?? ''))) {
			const match = /^-?\d+(\.\d+)?/.exec(input.slice(i))!;
			tokens.push({ type: 'number', text: match[0], pos: i });
			i += match[0].length;
			if (/[A-Za-z_]/.test(input[i] ?? '')) throw badQuery(`Unexpected character '${input[i]}' at position ${i}`);
		} else if (/[A-Za-z_]/.test(ch)) {
			const match = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(input.slice(i))!;
			tokens.push({ type: 'ident', text: match[0], pos: i });
			i += match[0].length;
		} else if (ch === '(' || ch === ')' || ch === ',') {
			tokens.push({ type: ch, text: ch, pos: i });
			i++;
		} else {
			const two = input.slice(i, i + 2);
			if (two === '<>' || two === '!=' || two === '>=' || two === '<=') {
				tokens.push({ type: 'op', text: two === '!=' ? '<>' : two, pos: i });
				i += 2;
			} else if (ch === '=' || ch === '<' || ch === '>') {
				tokens.push({ type: 'op', text: ch, pos: i });
				i++;
			} else {
				throw badQuery(`Unexpected character '${ch}' at position ${i}`);
			}
		}
	}
	tokens.push({ type: 'eof', text: '', pos: input.length });
	return tokens;
}

export function parseWhere(input: string): WhereExpr {
	const parser = new Parser(tokenize(input));
	const expr = parser.expr();
	parser.expectEof();
	return expr;
}

class Parser {
	private i = 0;
	constructor(private readonly tokens: Token[]) {}

	private peek(): Token {
		return this.tokens[this.i];
	}

	private next(): Token {
		return this.tokens[this.i++];
	}

	private isKeyword(word: string, token = this.peek()): boolean {
		return token.type === 'ident' && token.text.toUpperCase() === word;
	}

	private acceptKeyword(word: string): boolean {
		if (!this.isKeyword(word)) return false;
		this.i++;
		return true;
	}

	private expect(type: Token['type'], what: string): void {
		if (this.peek().type !== type) this.fail(what);
		this.i++;
	}

	private fail(expected: string): never {
		const t = this.peek();
		const found = t.type === 'eof' ? 'end of input' : `'${t.text}'`;
		throw badQuery(`Invalid where: expected ${expected} but found ${found} at position ${t.pos}`);
	}

	expectEof(): void {
		if (this.peek().type !== 'eof') this.fail('AND, OR or end of input');
	}

	expr(): WhereExpr {
		let left = this.andExpr();
		while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.andExpr() };
		return left;
	}

	private andExpr(): WhereExpr {
		let left = this.unary();
		while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.unary() };
		return left;
	}

	private unary(): WhereExpr {
		if (this.acceptKeyword('NOT')) return { kind: 'not', expr: this.unary() };
		if (this.peek().type === '(') {
			this.next();
			const inner = this.expr();
			this.expect(')', "')'");
			return inner;
		}
		return this.predicate();
	}

	private predicate(): WhereExpr {
		const subject = this.operand('a field name or a literal');
		const op = this.peek();
		if (op.type === 'op') {
			this.next();
			return { kind: 'cmp', left: subject, op: op.text as CmpOp, right: this.operand('a field name or a literal') };
		}
		if (this.acceptKeyword('IS')) {
			const negate = this.acceptKeyword('NOT');
			if (!this.acceptKeyword('NULL')) this.fail('NULL');
			return { kind: 'isNull', subject, negate };
		}
		const negate = this.acceptKeyword('NOT');
		if (this.acceptKeyword('LIKE')) return { kind: 'like', subject, pattern: this.operand('a quoted pattern'), negate };
		if (this.acceptKeyword('IN')) {
			this.expect('(', "'(' after IN");
			const values = [this.operand('a value')];
			while (this.peek().type === ',') {
				this.next();
				values.push(this.operand('a value'));
			}
			this.expect(')', "',' or ')'");
			return { kind: 'in', subject, values, negate };
		}
		return this.fail(negate ? 'LIKE or IN after NOT' : 'an operator');
	}

	private operand(expected: string): Operand {
		const t = this.peek();
		if (t.type === 'string') {
			this.next();
			return { kind: 'string', value: t.text };
		}
		if (t.type === 'number') {
			this.next();
			return { kind: 'number', value: Number(t.text) };
		}
		if (this.acceptKeyword('TRUE')) return { kind: 'bool', value: true };
		if (this.acceptKeyword('FALSE')) return { kind: 'bool', value: false };
		if (this.acceptKeyword('NULL')) return { kind: 'null' };
		if (t.type === 'ident' && !KEYWORDS.has(t.text.toUpperCase())) {
			this.next();
			return { kind: 'field', path: t.text.split('.') };
		}
		return this.fail(expected);
	}
}
