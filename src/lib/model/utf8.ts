/**
 * Content files are UTF-8. A file in another encoding (a Windows-1252 export, a UTF-16 editor
 * default) would otherwise be read with replacement characters in place of its letters, silently.
 */

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		let extra: number;
		let min: number;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xc2 && b <= 0xdf) [extra, min] = [1, 0x80];
		else if (b >= 0xe0 && b <= 0xef) [extra, min] = [2, 0x800];
		else if (b >= 0xf0 && b <= 0xf4) [extra, min] = [3, 0x10000];
		else return i;
		let code = b & (0x3f >> extra);
		for (let k = 1; k <= extra; k++) {
			const next = bytes[i + k];
			if (next === undefined || (next & 0xc0) !== 0x80) return i;
			code = (code << 6) | (next & 0x3f);
		}
		// Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
		if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
		i += extra + 1;
	}
	return -1;
}

/** The text of a UTF-8 file, or where its first invalid byte is (1-based line and column in bytes). */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { line: number; column: number; byte: number } {
	try {
		return { text: decoder.decode(bytes) };
	} catch {
		const at = invalidUtf8Offset(bytes);
		let line = 1;
		let lineStart = 0;
		for (let i = 0; i < at; i++) {
			if (bytes[i] === 0x0a) {
				line++;
				lineStart = i + 1;
			}
		}
		return { line, column: at - lineStart + 1, byte: bytes[at]! };
	}
}
