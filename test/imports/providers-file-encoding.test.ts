/**
 * A provider file saved by Dutch Excel as "CSV (gescheiden door lijstscheidingsteken)" is
 * Windows-1252: its names are read right, not mangled (issue 13, item 4).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditionStore } from '../../activities/edition-store';
import { readProvidersFile } from '../../operations/providers-file';
import { decodeText } from '../../imports/encoding';

const fixture = join(__dirname, '..', 'fixtures', 'providers-windows-1252.csv');

test('a Windows-1252 provider CSV keeps "Müller & Zoën"', () => {
  expect(decodeText(readFileSync(fixture)).encoding).toBe('windows-1252');
  const [provider] = readProvidersFile(fixture, new EditionStore().list());
  expect(provider).toMatchObject({ agbCode: '04001234', name: 'Fysiotherapie Müller & Zoën' });
  expect(provider!.locations[0]).toMatchObject({ name: 'Praktijk Müller, Café-gebouw', city: 'Enschede' });
});

test('the same file in UTF-8 with a BOM reads the same', () => {
  const text = new TextDecoder('windows-1252').decode(readFileSync(fixture));
  const file = join(mkdtempSync(join(tmpdir(), 'providers-')), 'providers.csv');
  writeFileSync(file, `\uFEFF${text}`, 'utf8');
  expect(decodeText(readFileSync(file)).encoding).toBe('utf-8 (BOM)');
  expect(readProvidersFile(file, new EditionStore().list())[0]!.name).toBe('Fysiotherapie Müller & Zoën');
});

test('decodeText: UTF-8 without BOM, and plain ASCII, are UTF-8', () => {
  expect(decodeText(Buffer.from('naam\nZoën', 'utf8'))).toEqual({ text: 'naam\nZoën', encoding: 'utf-8' });
  expect(decodeText(Buffer.from('naam\nZoen', 'latin1')).encoding).toBe('utf-8');
  expect(decodeText(Buffer.from('€ 5', 'utf8')).text).toBe('€ 5');
  // Windows-1252's own bytes: € and Excel's curly quotes (Node 20's TextDecoder reads them as ISO-8859-1).
  expect(decodeText(Buffer.from([0x80, 0x20, 0x35, 0x20, 0x93, 0x6a, 0x61, 0x94, 0x20, 0xeb])).text).toBe('€ 5 “ja” ë');
});
