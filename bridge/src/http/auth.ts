// Who may call what: the API key (X-API-Key) on every contract route but /health, and the admin
// API's own key (X-Admin-Key) from loopback only. Keys are compared as HMAC-SHA256 digests under a
// per-process random key, so every comparison is 32 bytes against 32 bytes: the time taken says
// nothing about the expected key's length or its first differing byte (a plain timingSafeEqual on
// the raw strings must bail out on a length mismatch, which leaks the length).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const API_KEY_HEADER = 'x-api-key';
export const ADMIN_KEY_HEADER = 'x-admin-key';

const digest = (secret: Buffer, value: string): Buffer => createHmac('sha256', secret).update(value, 'utf8').digest();

/** A checker for one expected key: the same work for a missing, short, long or wrong key. */
export function keyChecker(expected: string): (given: string | string[] | undefined) => boolean {
	if (!expected) throw new Error('An API key must not be empty');
	const secret = randomBytes(32);
	const want = digest(secret, expected);
	return (given) => {
		// A missing or repeated header is hashed like any wrong key: one code path for every input.
		const value = typeof given === 'string' ? given : '';
		const match = timingSafeEqual(digest(secret, value), want);
		return match && typeof given === 'string';
	};
}

/**
 * True for a request that comes from this machine itself: 127.0.0.0/8, ::1 or their IPv4-mapped
 * form, and not relayed by a proxy on this machine (a Forwarded / X-Forwarded-For header means the
 * real caller is elsewhere).
 */
export function fromLoopback(req: IncomingMessage): boolean {
	if (req.headers.forwarded !== undefined || req.headers['x-forwarded-for'] !== undefined) return false;
	return isLoopbackAddress(req.socket.remoteAddress);
}

export function isLoopbackAddress(address: string | undefined): boolean {
	if (!address) return false;
	const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
	return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
