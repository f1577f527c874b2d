import { Client } from 'pg';
import { hashPassword } from '@lib/auth';
import { type Role } from '@lib/common';

export interface SeededUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  stateCode: string | null;
  manufacturerId: string | null;
}

const hashes = new Map<string, Promise<string>>();

/** Inserts a user straight into a test database (hashing is cached per password: scrypt is slow). */
export async function insertUser(
  databaseUrl: string,
  user: {
    email: string;
    role: Role;
    password?: string;
    stateCode?: string;
    manufacturerId?: string;
    displayName?: string;
  },
): Promise<SeededUser> {
  const password = user.password ?? 'test-password-123';
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, role, state_code, manufacturer_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        user.email,
        user.displayName ?? user.email,
        user.role,
        user.stateCode ?? null,
        user.manufacturerId ?? null,
        await hash,
      ],
    );
    return {
      id: result.rows[0].id,
      email: user.email,
      password,
      role: user.role,
      stateCode: user.stateCode ?? null,
      manufacturerId: user.manufacturerId ?? null,
    };
  } finally {
    await client.end();
  }
}

/** Id of the manufacturer that owns a labeler code (reference data seeded by migration). */
export async function manufacturerIdOf(databaseUrl: string, labelerCode: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ manufacturer_id: string }>(
      'SELECT manufacturer_id FROM labeler_code WHERE code = $1',
      [labelerCode],
    );
    if (!result.rows[0]) throw new Error(`No labeler ${labelerCode}`);
    return result.rows[0].manufacturer_id;
  } finally {
    await client.end();
  }
}
