/**
 * NDC normalisation to the 11-digit 5-4-2 form (domain.md): a hyphenated NDC pads its short
 * segment (4-4-2 -> leading 0 on the labeler, 5-3-2 -> on the product, 5-4-1 -> on the package);
 * 11 digits without hyphens are already normal; 10 digits without hyphens are ambiguous and,
 * like anything else, normalise to null (they match nothing).
 */
export function normalizeNdc(raw: string): string | null {
  const value = raw.trim();
  if (/^\d{11}$/.test(value)) return value;
  const m = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(value);
  if (!m) return null;
  const [labeler, product, pkg] = [m[1], m[2], m[3]];
  const shape = `${labeler.length}-${product.length}-${pkg.length}`;
  switch (shape) {
    case '4-4-2':
      return `0${labeler}${product}${pkg}`;
    case '5-3-2':
      return `${labeler}0${product}${pkg}`;
    case '5-4-1':
      return `${labeler}${product}0${pkg}`;
    case '5-4-2':
      return `${labeler}${product}${pkg}`;
    default:
      return null;
  }
}

/** `51167029009` -> `51167-0290-09` (the 5-4-2 display form). */
export function formatNdc11(ndc11: string): string {
  return `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}`;
}
