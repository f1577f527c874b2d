import { Role } from '@lib/common';

/** One password for every demo login (printed by `npm run demo`). */
export const DEMO_PASSWORD = 'demo-password-1';

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  stateCode?: string;
  /** Labeler code of the manufacturer the user belongs to. */
  labelerCode?: string;
}

/** One user per role, plus a second state and manufacturer to show isolation. */
export const DEMO_USERS: DemoUser[] = [
  { email: 'coordinator@cms.example.gov', displayName: 'Casey Coordinator (CMS)', role: Role.FEDERAL_COORDINATOR },
  { email: 'auditor@cms.example.gov', displayName: 'Avery Auditor (CMS OIG)', role: Role.AUDITOR },
  {
    email: 'analyst@health.ny.example.gov',
    displayName: 'Nia Analyst (New York Medicaid)',
    role: Role.STATE_STAFF,
    stateCode: 'NY',
  },
  {
    email: 'analyst@hhs.tx.example.gov',
    displayName: 'Tomas Analyst (Texas Medicaid)',
    role: Role.STATE_STAFF,
    stateCode: 'TX',
  },
  {
    email: 'contracts@vertex.example.com',
    displayName: 'Val Contracts (Vertex)',
    role: Role.MANUFACTURER_STAFF,
    labelerCode: '51167',
  },
  {
    email: 'contracts@genetix.example.com',
    displayName: 'Gene Contracts (Genetix)',
    role: Role.MANUFACTURER_STAFF,
    labelerCode: '73554',
  },
];
