// Text the Sage company can hold (issue 9): Sage 50 UK & Ireland keeps text in a Windows code page
// (Windows-1252 unless the PC's system code page says otherwise), not Unicode. SDO would store any
// other character as "?", silently. So a value is checked before anything is written: it fails,
// naming the record, the field and the characters, or (configured) is transliterated by the rule
// below. The one implementation, used by the simulated company and the SDO writer alike.
//
// Both modes first put the value in Unicode NFC (the same text, composed: "e" + U+0301 is "é").
// Transliteration ("onUnsupported": "transliterate"), per character the code page cannot hold:
//   1. a few letters and signs with no decomposition, by table: Ł→L ł→l Đ→D đ→d Ħ→H ħ→h ı→i ĸ→k
//      Ŀ→L ŀ→l Ŧ→T ŧ→t Ə→E ə→e, hyphens U+2010–U+2012 and minus U+2212 → "-";
//   2. else its NFKD form without combining marks, when that is non-empty and held (ş→s, ź→z, ő→o,
//      ﬁ→fi, full-width Ａ→A, thin space → space);
//   3. else emoji (Extended_Pictographic, e.g. 😀 ☎), their joiners, variation selectors, skin tones,
//      flags and tags, and control characters (tab, CR and LF are held) are removed; the spaces around
//      a removal shrink to one, and to none at the start or end of the value;
//   4. else "?" (other scripts: Москва → "??????", 北京 → "??").
// Lengths are checked on the result (the caller does that: checkFields in sim/rules.ts).
import * as iconv from 'iconv-lite';
import { BridgeError, excerpt } from './errors';

export type OnUnsupported = 'fail' | 'transliterate';

/** `sage.textEncoding` of the bridge configuration. */
export interface TextEncodingOptions {
	/** An iconv-lite encoding name: windows-1252 (default), windows-1250, cp1252, … */
	codePage: string;
	onUnsupported: OnUnsupported;
}

export const DEFAULT_TEXT_ENCODING: TextEncodingOptions = { codePage: 'windows-1252', onUnsupported: 'fail' };

const TABLE: Record<string, string> = {
	Ł: 'L',
	ł: 'l',
	Đ: 'D',
	đ: 'd',
	Ħ: 'H',
	ħ: 'h',
	ı: 'i',
	ĸ: 'k',
	Ŀ: 'L',
	ŀ: 'l',
	Ŧ: 'T',
	ŧ: 't',
	Ə: 'E',
	ə: 'e',
	'\u2010': '-',
	'\u2011': '-',
	'\u2012': '-',
	'\u2212': '-',
};
/** Removed in rule 3: pictographs, ZWJ, variation selectors, skin tones, regional indicators, tags, controls. */
const REMOVED = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u200d\ufe0e\ufe0f]|[\u{e0020}-\u{e007f}]|\p{Cc})$/u;
/** Marks a removal while transliterating (a control, so never left in the output). */
const GONE = '\u0000';

/** `"😀" (U+1F600)`, a control as `U+0000` alone. */
export function describeCharacter(ch: string): string {
	const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
	return /\p{Cc}/u.test(ch) ? code : `"${ch}" (${code})`;
}

export class CodePage {
	private static readonly cache = new Map<string, CodePage>();
	private readonly held = new Map<string, boolean>();

	private constructor(
		readonly name: string,
		readonly onUnsupported: OnUnsupported,
	) {}

	/** The policy for these options (one instance per code page and mode). Throws on an unknown code page. */
	static of(options: TextEncodingOptions = DEFAULT_TEXT_ENCODING): CodePage {
		const name = options.codePage.toLowerCase();
		if (!iconv.encodingExists(name)) throw new Error(`textEncoding.codePage "${options.codePage}" is not a code page this bridge knows`);
		if (options.onUnsupported !== 'fail' && options.onUnsupported !== 'transliterate') {
			throw new Error(`textEncoding.onUnsupported must be "fail" or "transliterate", not "${String(options.onUnsupported)}"`);
		}
		const key = `${name}/${options.onUnsupported}`;
		let page = CodePage.cache.get(key);
		if (!page) CodePage.cache.set(key, (page = new CodePage(name, options.onUnsupported)));
		return page;
	}

	/** One character (code point) the company can store: encodes and decodes back to itself; no controls but tab, CR, LF. */
	holds(ch: string): boolean {
		let ok = this.held.get(ch);
		if (ok === undefined) {
			ok = ch === '\t' || ch === '\n' || ch === '\r' || (!/\p{Cc}/u.test(ch) && iconv.decode(iconv.encode(ch, this.name), this.name) === ch);
			this.held.set(ch, ok);
		}
		return ok;
	}

	/** The distinct characters of the (NFC) value the company cannot hold, in order of appearance. */
	unholdable(value: string): string[] {
		return [...new Set([...value.normalize('NFC')].filter((ch) => !this.holds(ch)))];
	}

	/** What SDO itself stores of a value (the fake SDO does the same): each character the code page lacks as "?". */
	lossy(value: string): string {
		return iconv.decode(iconv.encode(value, this.name), this.name);
	}

	/** The value by the transliteration rule above (every character of the result is held). */
	transliterate(value: string): string {
		let out = '';
		for (const ch of value.normalize('NFC')) out += this.holds(ch) ? ch : this.replacement(ch);
		if (!out.includes(GONE)) return out;
		return out.replace(/ *\u0000[ \u0000]*/g, (run, at: number, whole: string) => {
			const spaced = run.startsWith(' ') || run.endsWith(' ');
			const edge = at === 0 || at + run.length === whole.length;
			return spaced && !edge ? ' ' : '';
		});
	}

	private replacement(ch: string): string {
		if (TABLE[ch] !== undefined) return TABLE[ch];
		const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
		if (bare !== '' && [...bare].every((c) => this.holds(c))) return bare;
		return REMOVED.test(ch) ? GONE : '?';
	}

	/**
	 * What the company stores for a text value: the NFC value when every character is held; otherwise
	 * it fails (VALIDATION_FAILED naming the record, the field and up to five characters) or, when
	 * configured, is transliterated. Called before anything is written, so a record is never half-written.
	 */
	text(value: string, field: string, record?: string): string {
		const nfc = value.normalize('NFC');
		const unholdable = this.unholdable(nfc);
		if (unholdable.length === 0) return nfc;
		if (this.onUnsupported === 'transliterate') return this.transliterate(nfc);
		const shown = unholdable.slice(0, 5).map(describeCharacter).join(', ');
		const of = record === undefined ? '' : ` of ${record}`;
		throw new BridgeError('VALIDATION_FAILED', `${field} ${excerpt(value)}${of} has characters Sage cannot hold (${this.name} only): ${shown}`, { field, record });
	}
}
