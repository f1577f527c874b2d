import { sniffDocumentType } from './document-types';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sniffDocumentType: PDF, PNG and JPEG by their magic bytes (README "Portal")', () => {
  it.each<[string, Uint8Array, string | null]>([
    ['a PDF', Buffer.from('%PDF-1.7\n%...'), 'application/pdf'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
    ['a JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), 'image/jpeg'],
    ['a JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1), 'image/jpeg'],
    ['plain text named .pdf', Buffer.from('hello, this is not a PDF'), null],
    ['HTML', Buffer.from('<!DOCTYPE html><script>'), null],
    ['a ZIP (e.g. a .docx)', bytes(0x50, 0x4b, 0x03, 0x04), null],
    ['a GIF', Buffer.from('GIF89a'), null],
    ['a PDF signature cut short', Buffer.from('%PD'), null],
    ['a PNG signature cut short', bytes(0x89, 0x50, 0x4e, 0x47), null],
    ['nothing', bytes(), null],
    ['a PDF signature not at the start', Buffer.from(' %PDF-1.4'), null],
  ])('%s -> %s', (_, head, expected) => {
    expect(sniffDocumentType(head)).toBe(expected);
  });
});
