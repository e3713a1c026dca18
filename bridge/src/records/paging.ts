// Key-cursor pages (the only paging Sage's ODBC driver supports: TOP n … WHERE key > last ORDER BY
// key): the query asks for one row more than the page; if it comes, the page's last key is the cursor.
import type { Page, SageRow } from '../adapter';

export function cursorPage<R extends Record<string, unknown>>(rows: R[], limit: number, keyCol: string, out: (row: R) => SageRow): Page {
	const more = rows.length > limit;
	return { items: rows.slice(0, limit).map(out), nextCursor: more ? String(rows[limit - 1][keyCol]) : null };
}
