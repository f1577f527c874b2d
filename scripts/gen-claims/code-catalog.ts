/**
 * Codes the synthetic claims draw from: the two CGT products (domain.md "Products"), common
 * drugs, procedures, revenue codes and ICD-10-CM diagnoses. Everyday codes are weighted so that
 * files look like a real state's mix; NDCs appear in several spellings on purpose.
 */

export type CgtProduct = 'CASGEVY' | 'LYFGENIA';

export interface CgtProductCodes {
  readonly hcpcs: string;
  /** NDC spellings seen on claims: hyphenated, 11 digits, inner (vial) package. */
  readonly ndcSpellings: readonly string[];
  readonly wacCents: number;
}

export const CGT_PRODUCTS: Readonly<Record<CgtProduct, CgtProductCodes>> = {
  CASGEVY: {
    hcpcs: 'J3392',
    ndcSpellings: ['51167-0290-09', '51167029009', '51167029001', '51167-290-09'],
    wacCents: 2_200_000_00,
  },
  LYFGENIA: {
    hcpcs: 'J3394',
    ndcSpellings: ['73554-1111-1', '73554111101', '73554-1111-01'],
    wacCents: 3_100_000_00,
  },
};

/** Revenue code 0892: gene therapy (profile, P00003 field 9). */
export const GENE_THERAPY_REVENUE_CODE = '0892';

export interface DrugCode {
  readonly ndc: string;
  readonly unit: 'EA' | 'ML' | 'GR' | 'UN';
  /** Typical paid amount per unit, in cents. */
  readonly unitCents: number;
}

export const COMMON_DRUGS: readonly DrugCode[] = [
  { ndc: '00069015001', unit: 'EA', unitCents: 180 },
  { ndc: '00002143380', unit: 'EA', unitCents: 930 },
  { ndc: '0002-1433-80', unit: 'EA', unitCents: 930 },
  { ndc: '50242004062', unit: 'EA', unitCents: 2400 },
  { ndc: '63323026201', unit: 'ML', unitCents: 410 },
  { ndc: '00173068220', unit: 'EA', unitCents: 620 },
  { ndc: '00378395377', unit: 'EA', unitCents: 95 },
  { ndc: '00093-7146-56', unit: 'EA', unitCents: 35 },
  { ndc: '00904-6289-61', unit: 'EA', unitCents: 12 },
  { ndc: '60505257909', unit: 'EA', unitCents: 60 },
  { ndc: '00409-4888-10', unit: 'ML', unitCents: 150 },
  { ndc: '68180051301', unit: 'EA', unitCents: 22 },
  { ndc: '00168-0055-15', unit: 'GR', unitCents: 75 },
  { ndc: '00781-1506-10', unit: 'EA', unitCents: 40 },
  { ndc: '00054-4297-25', unit: 'EA', unitCents: 18 },
];

export interface ProcedureCode {
  readonly code: string;
  readonly cents: number;
}

/** Office, emergency, lab, infusion and imaging procedures (CPT/HCPCS). */
export const OUTPATIENT_PROCEDURES: readonly ProcedureCode[] = [
  { code: '99213', cents: 4700 },
  { code: '99214', cents: 7600 },
  { code: '99284', cents: 19100 },
  { code: '99285', cents: 37200 },
  { code: '80053', cents: 10000 },
  { code: '85025', cents: 1100 },
  { code: '36415', cents: 300 },
  { code: '96365', cents: 28700 },
  { code: '96374', cents: 15400 },
  { code: 'J1885', cents: 3640 },
  { code: 'J2405', cents: 930 },
  { code: '71046', cents: 4100 },
  { code: '93000', cents: 1700 },
  { code: '90471', cents: 2200 },
  { code: 'G0008', cents: 3100 },
];

export const OUTPATIENT_REVENUE_CODES: readonly string[] = ['0450', '0300', '0301', '0320', '0510', '0760', '0636'];
export const INPATIENT_REVENUE_CODES: readonly string[] = ['0110', '0120', '0200', '0250', '0300', '0360', '0450'];

/** Everyday ICD-10-CM codes without the dot. */
export const COMMON_DIAGNOSES: readonly string[] = [
  'I10',
  'E119',
  'E1165',
  'J069',
  'J189',
  'M545',
  'R0789',
  'N179',
  'N390',
  'F329',
  'J45909',
  'Z23',
  'K219',
  'R109',
  'E785',
];

/** Sickle-cell crisis codes (domain.md "Data realism": D57.0x, D57.21x, D57.41x/43x/45x, D57.81x). */
export const SICKLE_CELL_CRISIS_DIAGNOSES: readonly string[] = [
  'D5700',
  'D5701',
  'D5702',
  'D57211',
  'D57212',
  'D57219',
  'D57411',
  'D57419',
  'D57431',
  'D57451',
  'D57811',
  'D57819',
];

/** Sickle-cell codes that are not crises (D57.1 without crisis, D57.20 Hb-SC, D57.3 trait ...). */
export const SICKLE_CELL_NON_CRISIS_DIAGNOSES: readonly string[] = ['D571', 'D5720', 'D573', 'D5740', 'D5780'];
