const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A leading ' on text cells that a spreadsheet would run as a formula (= + - @, tab, CR): names and external
 * ids come from clients and must not become code in someone's Excel. Plain numbers (-12.50) stay numbers.
 */
export function neutraliseCsvFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}
