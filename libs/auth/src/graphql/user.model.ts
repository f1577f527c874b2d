import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, Role } from '@lib/common';
import type { UserEntity } from '../user.entity';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do. Each user has exactly one role.',
  valuesMap: {
    FEDERAL_COORDINATOR: {
      description: 'CMS staff: negotiate terms, manage users and the state roster, see everything.',
    },
    STATE_STAFF: {
      description: 'Staff of one state Medicaid agency: opt in, submit claim files, follow reconciliation.',
    },
    MANUFACTURER_STAFF: {
      description: 'Staff of one manufacturer: negotiate own terms, read and dispute own statements.',
    },
    AUDITOR: { description: 'Reads everything, changes nothing.' },
  },
});

@ObjectType('User', { description: 'A person who signs in to the platform.' })
export class UserModel {
  @Field(() => ID, { description: 'Stable id of the user.' })
  id!: string;

  @Field({ description: 'Login email (lower case).' })
  email!: string;

  @Field({ description: 'Name shown in the console and the audit trail.' })
  displayName!: string;

  @Field(() => Role, { description: 'The one role of this user.' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'USPS code of the state a STATE_STAFF user belongs to.' })
  stateCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the manufacturer a MANUFACTURER_STAFF user belongs to.' })
  manufacturerId!: string | null;

  @Field({ description: 'False once a coordinator has disabled the user.' })
  active!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the user last signed in.' })
  lastLoginAt!: Date | null;

  @Field(() => Date, { description: 'When the user was created.' })
  createdAt!: Date;
}

export function toUserModel(user: UserEntity): UserModel {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    stateCode: user.stateCode,
    manufacturerId: user.manufacturerId,
    active: user.disabledAt === null,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}

@ObjectType('AuthPayload', { description: 'A signed, expiring bearer token and who it is for.' })
export class AuthPayloadModel {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => Date, { description: 'When the token stops working.' })
  expiresAt!: Date;

  @Field(() => UserModel, { description: 'The signed-in user.' })
  user!: UserModel;
}

export const UserConnection = Connection(UserModel, 'User');
