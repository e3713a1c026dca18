// Tokenizer and recursive-descent parser for the `where` filter (notes §4.3, checklist §14.4).
// Grammar (keywords case-insensitive):
//   expr       := andExpr (OR andExpr)*
//   andExpr    := unary (AND unary)*
//   unary      := NOT unary | '(' expr ')' | predicate
//   predicate  := field ( cmpOp literal | [NOT] LIKE literal | [NOT] IN '(' literal (',' literal)* ')' | IS [NOT] NULL )
//   cmpOp      := '=' | '<>' | '!=' | '>' | '>=' | '<' | '<='
//   field      := IDENT ('.' IDENT)?                    e.g. name, accountId.id, Z_SKU
//   literal    := 'single quoted' ('' escapes a quote) | "double quoted" | number | TRUE | FALSE | NULL
// Any other input is a syntax error (400, code 901). Nothing is ever evaluated as code.
import { badQuery } from './errors';

export type Literal =
	| { kind: 'string'; value: string }
	| { kind: 'number'; value: number }
	| { kind: 'bool'; value: boolean }
	| { kind: 'null' };

export type CmpOp = '=' | '<>' | '>' | '>=' | '<' | '<=';

export type WhereExpr =
	| { kind: 'and' | 'or'; left: WhereExpr; right: WhereExpr }
	| { kind: 'not'; expr: WhereExpr }
	| { kind: 'cmp'; field: string[]; op: CmpOp; value: Literal }
	| { kind: 'like'; field: string[]; pattern: Literal; negate: boolean }
	| { kind: 'in'; field: string[]; values: Literal[]; negate: boolean }
	| { kind: 'isNull'; field: string[]; negate: boolean };

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
			if (this.next().type !== ')') {
				this.i--;
				this.fail("')'");
			}
			return inner;
		}
		return this.predicate();
	}

	private predicate(): WhereExpr {
		const t = this.peek();
		if (t.type !== 'ident' || KEYWORDS.has(t.text.toUpperCase())) this.fail('a field name');
		this.next();
		const field = t.text.split('.');
		const op = this.peek();
		if (op.type === 'op') {
			this.next();
			return { kind: 'cmp', field, op: op.text as CmpOp, value: this.literal() };
		}
		if (this.acceptKeyword('IS')) {
			const negate = this.acceptKeyword('NOT');
			if (!this.acceptKeyword('NULL')) this.fail('NULL');
			return { kind: 'isNull', field, negate };
		}
		const negate = this.acceptKeyword('NOT');
		if (this.acceptKeyword('LIKE')) return { kind: 'like', field, pattern: this.literal(), negate };
		if (this.acceptKeyword('IN')) {
			if (this.next().type !== '(') {
				this.i--;
				this.fail("'(' after IN");
			}
			const values = [this.literal()];
			while (this.peek().type === ',') {
				this.next();
				values.push(this.literal());
			}
			if (this.next().type !== ')') {
				this.i--;
				this.fail("',' or ')'");
			}
			return { kind: 'in', field, values, negate };
		}
		return this.fail(negate ? 'LIKE or IN after NOT' : 'an operator');
	}

	private literal(): Literal {
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
		return this.fail('a quoted string, number, TRUE, FALSE or NULL');
	}
}
