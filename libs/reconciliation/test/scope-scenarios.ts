/**
 * Seeded random months of claim files for one state (tmsis-cgt-profile.md), for the scope test
 * (reconcile-scope.e2e-spec.ts): Casgevy administrations of a small pool of beneficiaries (so
 * that later candidates, re-keyed episodes and outcome events abound), with the profile's
 * variations (HCPCS-only, NDC/HCPCS mismatch, Lyfgenia, unit of measure, paid 0 or above WAC,
 * managed-care and denied claims), inpatient stays with sickle-cell and other diagnoses, and
 * voids, replacements (another beneficiary, date or diagnosis) and repeats of earlier versions.
 */

type Kind = 'OT' | 'IP';

interface Version {
  kind: Kind;
  icn: string;
  icnAdj: string;
  adjudicated: string;
  adjustmentInd: '0' | '1' | '4';
  msisId: string;
  typeOfClaim: string;
  status: string;
  /** Service date (OT) or admission date (IP). */
  date: string;
  /** OT: procedure code, NDC, unit, paid of the one CGT line. */
  line: { procedure: string; ndc: string; uom: string; paid: string };
  diagnoses: string[];
}

export interface ScenarioFile {
  name: string;
  body: Buffer;
}

const compact = (iso: string): string => iso.replaceAll('-', '');
const pad = (n: number): string => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export class ScopeScenario {
  private readonly families = new Map<string, Version[]>();
  private counter = 0;

  constructor(
    private readonly random: () => number,
    private readonly state: { usps: string; fips: string },
    private readonly beneficiaries = 5,
  ) {}

  /** The CLAIMOT and CLAIMIP files of 2026-`month`, in a random order. */
  monthFiles(month: number): ScenarioFile[] {
    const files = [this.file('OT', month), this.file('IP', month)];
    return this.chance(0.5) ? files : files.reverse();
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private day(month: number): string {
    return `2026-${pad(month)}-${pad(1 + Math.floor(this.random() * daysIn(2026, month)))}`;
  }

  /** A day in this month, or (one time in four) in an earlier one. */
  private serviceDay(month: number): string {
    return this.day(this.chance(0.25) ? 1 + Math.floor(this.random() * month) : month);
  }

  private beneficiary(): string {
    return `MSIS${this.state.usps}${pad(1 + Math.floor(this.random() * this.beneficiaries))}`;
  }

  private cgtLine(): Version['line'] {
    const roll = this.random();
    const paid = this.pick(['2200000.00', '2200000.00', '2150000.00', '2300000.00', '0.00']);
    if (roll < 0.1) return { procedure: 'J3392', ndc: '', uom: 'UN', paid };
    if (roll < 0.17) return { procedure: 'J3394', ndc: '51167029009', uom: 'UN', paid };
    if (roll < 0.25) return { procedure: 'J3394', ndc: '73554-1111-01', uom: 'UN', paid };
    if (roll < 0.3) return { procedure: 'J3392', ndc: '51167-0290-09', uom: 'ML', paid };
    return { procedure: 'J3392', ndc: '51167-0290-09', uom: 'UN', paid };
  }

  private diagnoses(): string[] {
    const codes = ['D5700', 'D5701', 'D571', 'D5720', 'E1165', 'I10'];
    return Array.from({ length: 1 + Math.floor(this.random() * 2) }, () => this.pick(codes));
  }

  private original(kind: Kind, month: number): Version {
    this.counter += 1;
    return {
      kind,
      icn: `${this.state.usps}2026${pad(month)}${kind}${String(this.counter).padStart(5, '0')}`,
      icnAdj: '',
      adjudicated: this.day(month),
      adjustmentInd: '0',
      msisId: this.beneficiary(),
      typeOfClaim: this.chance(0.15) ? '3' : '1',
      status: this.chance(0.08) ? 'F2' : 'F1',
      date: this.serviceDay(month),
      line: this.cgtLine(),
      diagnoses: kind === 'IP' ? this.diagnoses() : [],
    };
  }

  /** A void or replacement of an earlier family of the kind, or an exact repeat of a version. */
  private adjustment(kind: Kind, month: number): Version | null {
    const families = [...this.families.values()].filter((f) => f[0].kind === kind);
    if (families.length === 0) return null;
    const family = this.pick(families);
    const latest = family[family.length - 1];
    const roll = this.random();
    if (roll < 0.2) return { ...this.pick(family) };
    this.counter += 1;
    // Now and then adjudicated before the version it adjusts: then it does not win (rebate-rules 2.1).
    const adjudicated = this.chance(0.1) ? family[0].adjudicated : this.day(month);
    if (roll < 0.55) {
      return { ...latest, icnAdj: `${latest.icn}V${this.counter}`, adjudicated, adjustmentInd: '1' };
    }
    return {
      ...latest,
      icnAdj: `${latest.icn}R${this.counter}`,
      adjudicated,
      adjustmentInd: '4',
      msisId: this.chance(0.3) ? this.beneficiary() : latest.msisId,
      date: this.chance(0.3) ? this.serviceDay(month) : latest.date,
      status: this.chance(0.1) ? 'F2' : 'F1',
      line: this.chance(0.3) ? this.cgtLine() : latest.line,
      diagnoses: kind === 'IP' && this.chance(0.4) ? this.diagnoses() : latest.diagnoses,
    };
  }

  private file(kind: Kind, month: number): ScenarioFile {
    const versions: Version[] = [];
    const count = 2 + Math.floor(this.random() * 5);
    for (let i = 0; i < count; i++) {
      const version = this.chance(0.55) ? this.original(kind, month) : this.adjustment(kind, month);
      if (!version) continue;
      // One version key per file (a second header of the same key is a problem of its own).
      if (versions.some((v) => v.icn === version.icn && this.sameKey(v, version))) continue;
      versions.push(version);
    }
    for (const version of versions) {
      const family = this.families.get(version.icn) ?? [];
      if (!family.some((v) => this.sameKey(v, version))) family.push(version);
      this.families.set(version.icn, family);
    }
    const records = this.records(versions);
    const prefix = `C${kind}`;
    const end = `2026-${pad(month)}-${pad(daysIn(2026, month))}`;
    const header =
      `${prefix}00001|4.0.0|O|CLAIM${kind}|${this.state.fips}|${compact(end)}|2026${pad(month)}01|` +
      `${compact(end)}|1|${records.length}`;
    return {
      name: `${this.state.usps}-CLAIM${kind}-2026-${pad(month)}.txt`,
      body: Buffer.from([header, ...records].join('\n') + '\n'),
    };
  }

  private sameKey(a: Version, b: Version): boolean {
    return a.icnAdj === b.icnAdj && a.adjudicated === b.adjudicated && a.adjustmentInd === b.adjustmentInd;
  }

  private records(versions: readonly Version[]): string[] {
    const fips = this.state.fips;
    const records: string[] = [];
    const next = () => records.length + 1;
    for (const v of versions) {
      const key = `${v.icn}|${v.icnAdj}|${compact(v.adjudicated)}|${v.adjustmentInd}`;
      const day = compact(v.date);
      if (v.kind === 'OT') {
        const paid = v.line.paid;
        records.push(
          `COT00002|${fips}|${next()}|${key}|${v.msisId}|${v.typeOfClaim}|${v.status}|0|1234567893|||${day}|${day}||${paid}`,
        );
        if (v.adjustmentInd !== '1') {
          const { procedure, ndc, uom } = v.line;
          records.push(`COT00003|${fips}|${next()}|${key}|1|0892|${procedure}|${ndc}|1|${uom}|1|${day}|${day}|${paid}`);
        }
      } else {
        records.push(
          `CIP00002|${fips}|${next()}|${key}|${v.msisId}|${v.typeOfClaim}|${v.status}|0|1234567893|${day}|${day}|${day}|||18000.00`,
        );
        if (v.adjustmentInd !== '1') {
          records.push(`CIP00003|${fips}|${next()}|${key}|1|0120|||1|UN|1|${day}|${day}|18000.00`);
          v.diagnoses.forEach((code, i) => records.push(`CIP00004|${fips}|${next()}|${key}|${i + 1}|${code}|02`));
        }
      }
    }
    return records;
  }
}
