/**
 * SUBMITTING-STATE codes (tmsis-cgt-profile "P00001"): the 2-digit FIPS codes of the 56
 * jurisdictions (copied from libs/reference/data/jurisdictions.csv so that parsing needs no file
 * at run time) and the alternate T-MSIS submitter codes that stand for a state.
 */
export const FIPS_TO_USPS: ReadonlyMap<string, string> = new Map([
  ['01', 'AL'],
  ['02', 'AK'],
  ['04', 'AZ'],
  ['05', 'AR'],
  ['06', 'CA'],
  ['08', 'CO'],
  ['09', 'CT'],
  ['10', 'DE'],
  ['11', 'DC'],
  ['12', 'FL'],
  ['13', 'GA'],
  ['15', 'HI'],
  ['16', 'ID'],
  ['17', 'IL'],
  ['18', 'IN'],
  ['19', 'IA'],
  ['20', 'KS'],
  ['21', 'KY'],
  ['22', 'LA'],
  ['23', 'ME'],
  ['24', 'MD'],
  ['25', 'MA'],
  ['26', 'MI'],
  ['27', 'MN'],
  ['28', 'MS'],
  ['29', 'MO'],
  ['30', 'MT'],
  ['31', 'NE'],
  ['32', 'NV'],
  ['33', 'NH'],
  ['34', 'NJ'],
  ['35', 'NM'],
  ['36', 'NY'],
  ['37', 'NC'],
  ['38', 'ND'],
  ['39', 'OH'],
  ['40', 'OK'],
  ['41', 'OR'],
  ['42', 'PA'],
  ['44', 'RI'],
  ['45', 'SC'],
  ['46', 'SD'],
  ['47', 'TN'],
  ['48', 'TX'],
  ['49', 'UT'],
  ['50', 'VT'],
  ['51', 'VA'],
  ['53', 'WA'],
  ['54', 'WV'],
  ['55', 'WI'],
  ['56', 'WY'],
  ['60', 'AS'],
  ['66', 'GU'],
  ['69', 'MP'],
  ['72', 'PR'],
  ['78', 'VI'],
]);

/** Alternate submitter codes (domain.md "States"): 93 WY, 94 MT, 96 IA, 97 PA. */
export const ALTERNATE_SUBMITTER_CODES: ReadonlyMap<string, string> = new Map([
  ['93', '56'],
  ['94', '30'],
  ['96', '19'],
  ['97', '42'],
]);

/** The FIPS code a SUBMITTING-STATE value stands for, or null when it is not a known code. */
export function resolveSubmittingState(code: string): string | null {
  if (FIPS_TO_USPS.has(code)) return code;
  return ALTERNATE_SUBMITTER_CODES.get(code) ?? null;
}
