// The Sage ODBC driver's dialect, enforced in tests (sage50-notes.md §3.2, v34 probe): SQLite accepts
// far more than Sage's driver does, so every statement the adapter sends through the test connection
// is checked here first and refused if Sage would refuse it. Only then is `SELECT TOP n` rewritten to
// SQLite's `LIMIT n` — in test code alone; the adapter only ever speaks Sage's dialect.

export class DialectError extends Error {
	constructor(
		readonly rule: string,
		readonly sql: string,
	) {
		super(`Sage's ODBC driver would reject this statement (${rule}): ${sql}`);
		this.name = 'DialectError';
	}
}

/** The statement with its string literals blanked, so keywords inside values do not count. */
function withoutLiterals(sql: string): string {
	let out = '';
	let inString = false;
	for (let i = 0; i < sql.length; i++) {
		const ch = sql[i];
		if (inString) {
			if (ch === "'" && sql[i + 1] === "'") i++;
			else if (ch === "'") {
				inString = false;
				out += "'";
			}
			continue;
		}
		if (ch === "'") inString = true;
		out += ch;
	}
	if (inString) throw new DialectError('unterminated string literal', sql);
	return out;
}

const FORBIDDEN: Array<[RegExp, string]> = [
	[/\bLIMIT\b/i, 'LIMIT fails (42000)'],
	[/\bOFFSET\b/i, 'OFFSET fails (42000)'],
	[/\bFETCH\b/i, 'FETCH fails (42000)'],
	[/\bDISTINCT\b/i, 'DISTINCT fails (42S22)'],
	[/\?/, 'bound parameters: strings fail (HY004), integer ? = ? fails (22018); the adapter binds nothing'],
	[/"/, 'double-quoted identifiers are not Sage SQL'],
	[/;/, 'one statement at a time'],
	[/--|\/\*/, 'comments'],
	[/\b(PRAGMA|RETURNING|GLOB|REGEXP|IFNULL|OVER|WITH)\b/i, 'SQLite-only syntax'],
];

/** Throws DialectError when Sage's driver would refuse the statement (or the adapter must not send it). */
export function assertSageDialect(sql: string, params: readonly unknown[] = []): void {
	if (params.length > 0) {
		const kind = params.some((p) => typeof p === 'string') ? 'bound string parameters fail (HY004)' : 'bound parameters (integer ? = ? fails, 22018)';
		throw new DialectError(kind, sql);
	}
	const bare = withoutLiterals(sql);
	if (!/^\s*SELECT\s/i.test(bare)) throw new DialectError('the adapter only reads through ODBC (writes go through SDO)', sql);
	for (const [pattern, rule] of FORBIDDEN) if (pattern.test(bare)) throw new DialectError(rule, sql);
	const tops = bare.match(/\bTOP\b/gi) ?? [];
	if (tops.length > 1 || (tops.length === 1 && !/^\s*SELECT\s+TOP\s+\d+\s/i.test(bare))) throw new DialectError('TOP n only right after the first SELECT', sql);
}

/** Checks the statement, then turns Sage's `SELECT TOP n …` into SQLite's `SELECT … LIMIT n`. */
export function toSqlite(sql: string, params: readonly unknown[] = []): string {
	assertSageDialect(sql, params);
	const m = /^\s*SELECT\s+TOP\s+(\d+)\s+/i.exec(sql);
	return m ? `SELECT ${sql.slice(m[0].length)} LIMIT ${m[1]}` : sql;
}
