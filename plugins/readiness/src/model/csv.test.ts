import { toCsv } from './csv';

describe('toCsv', () => {
  const columns = [
    { header: 'Name', value: (row: { name: string; n?: number }) => row.name },
    { header: 'Count', value: (row: { name: string; n?: number }) => row.n },
  ];

  it('writes a header and one CRLF line per row', () => {
    expect(toCsv([{ name: 'web', n: 3 }], columns)).toBe(
      'Name,Count\r\nweb,3\r\n',
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv([{ name: 'a, "b"\nc' }], columns)).toBe(
      'Name,Count\r\n"a, ""b""\nc",\r\n',
    );
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(toCsv([{ name: '=HYPERLINK("x")', n: -1 }], columns)).toBe(
      'Name,Count\r\n"\'=HYPERLINK(""x"")",-1\r\n',
    );
  });
});
