import { Foundation1764000000000 } from './1764000000000-foundation';
import { ReferenceData1764000001000 } from './1764000001000-reference-data';
import { Users1764000002000 } from './1764000002000-users';
import { Agreements1764000003000 } from './1764000003000-agreements';

/**
 * Every migration, oldest first. A new migration is a reviewed file in this folder plus one line
 * here (README: "Adding a migration").
 */
export const MIGRATIONS = [
  Foundation1764000000000,
  ReferenceData1764000001000,
  Users1764000002000,
  Agreements1764000003000,
];
