/**
 * RFC 3339 dates and times as JSON Schema's `format` means them. The grammar generates a narrower shape
 * (upper-case T and Z, milliseconds or none) and does not know month lengths, so it can write 2023-02-31:
 * the validator catches that.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

export function isFormattedString(text: string, format: string): boolean {
  switch (format) {
    case 'date':
      return isDate(text);
    case 'time':
      return TIME.test(text);
    case 'date-time': {
      const separator = text.search(/[Tt]/);
      return separator === 10 && isDate(text.slice(0, separator)) && TIME.test(text.slice(separator + 1));
    }
    default:
      // Formats the grammar does not generate never pass prepareJsonSchema; anything else is an annotation.
      return true;
  }
}

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}
