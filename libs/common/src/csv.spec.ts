import { neutraliseCsvFormula } from './csv';

describe(neutraliseCsvFormula.name, () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'])('prefixes %j so a spreadsheet shows it as text', (text) => {
    expect(neutraliseCsvFormula(text)).toBe(`'${text}`);
  });

  it.each(['-12.50', '-3', '12', 'Anna', ''])('leaves %j alone', (text) => {
    expect(neutraliseCsvFormula(text)).toBe(text);
  });
});
