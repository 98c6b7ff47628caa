/**
 * Hand-made .xlsx files for the spreadsheet bounds tests (issue 22, item 6): the few parts a
 * workbook needs, zipped here rather than by exceljs, so that a test can make what no spreadsheet
 * program writes: a sheet that inflates to hundreds of MB from a few hundred KB, or a part whose
 * declared size is a lie.
 */
import * as zlib from 'node:zlib';

/** A part of the zip: its bytes as deflated here, its real size and checksum, and the size its headers declare. */
export interface ZipPart {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
  /** The uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of `data` continuing from `crc`: Node's own where it has one (20.15 on), else a table. */
function crc32(data: Buffer, crc = 0): number {
  const native = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;
  if (native) return native(data, crc);
  let c = ~crc >>> 0;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** A part of `text`, deflated. */
export function part(name: string, text: string): ZipPart {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: zlib.deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/**
 * A part of `head`, then `chunk` `times` over, then `tail`, deflated without deflating the whole:
 * after a full flush the deflater starts afresh, so every repeat of the chunk is the same bytes.
 * 400 MiB of spaces take some 400 KB.
 */
export function repeatedPart(name: string, head: string, chunk: string, times: number, tail: string): ZipPart {
  const [h, c, t] = [head, chunk, tail].map((s) => Buffer.from(s, 'utf8')) as [Buffer, Buffer, Buffer];
  const flushed = (b: Buffer) => zlib.deflateRawSync(b, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const block = flushed(c);
  let crc = crc32(h);
  for (let i = 0; i < times; i++) crc = crc32(c, crc);
  crc = crc32(t, crc);
  return { name, deflated: Buffer.concat([flushed(h), ...Array<Buffer>(times).fill(block), zlib.deflateRawSync(t)]), size: h.length + c.length * times + t.length, crc };
}

/** The zip of `parts` (deflated, no zip64: every size under 4 GiB). */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 8, 6, 28); // flags, method, time, date, crc, sizes, name length
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The opening and closing of a worksheet part around its rows. */
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A workbook of one worksheet, `sheet` its part (named xl/worksheets/sheet1.xml), with the parts every workbook has. */
export function workbook(sheet: ZipPart, more: ZipPart[] = []): Buffer {
  return zip([
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    part('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    ...more,
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
  ]);
}

/** A row of inline text cells (no shared strings needed), `r` its number. */
export function textRow(r: number, cells: string[]): string {
  const column = (i: number) => String.fromCharCode(65 + i);
  return `<row r="${r}">${cells.map((text, i) => `<c r="${column(i)}${r}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`;
}
