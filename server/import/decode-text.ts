import iconv from 'iconv-lite';
import { RequestError } from '../errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Text of a file from a Chinese office: UTF-8 (with or without a byte-order mark), UTF-16 with its
 * mark (Excel's "Unicode text"), else GBK, which Chinese Windows and its Excel write by default.
 * GBK is read as GB18030, its superset, so that a rare character in a name is not lost. A file that
 * is not UTF-8 and has bytes GB18030 cannot read is refused rather than loaded with broken names.
 */
export function decodeText(bytes: Uint8Array, what = 'The file', whatZh = '文件'): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: fall through to GBK.
  }
  const text = iconv.decode(Buffer.from(bytes), 'gb18030');
  if (text.includes('\ufffd')) {
    throw new RequestError(400, 'UnknownEncoding',
      `${what} is neither UTF-8 nor GBK text. Save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")`,
      `${whatZh}既不是 UTF-8 也不是 GBK 编码。请另存为 UTF-8（Excel 中选择“CSV UTF-8（逗号分隔）”）`);
  }
  return { text, encoding: 'gb18030' };
}

/**
 * The encoding a shapefile's .cpg names (UTF-8, GBK, 936, CP936, GB2312, GB18030…), as a label
 * the WHATWG decoders know, or undefined when it names none we can read.
 */
export function readCodePage(cpg: string): string | undefined {
  const name = cpg.trim().toLowerCase().replace(/^(cp|windows-|ansi_?)/, '');
  if (['utf-8', 'utf8', '65001'].includes(name)) return 'utf-8';
  if (['gbk', '936', 'gb2312', 'gb18030', '54936'].includes(name)) return 'gb18030';
  if (['1252', 'latin1', 'iso-8859-1', '8859_1', '88591'].includes(name)) return 'windows-1252';
  if (['big5', '950'].includes(name)) return 'big5';
  return undefined;
}
