import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '@lib/common';

@InputType({ description: 'Email and password.' })
export class LoginInput {
  @Field({ description: 'Login email.' })
  @IsString()
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Password.' })
  @IsString()
  @MaxLength(200)
  password!: string;
}

@InputType({ description: 'A new user. STATE_STAFF need a stateCode; MANUFACTURER_STAFF a manufacturerId.' })
export class CreateUserInput {
  @Field({ description: 'Login email; must be unique.' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Name shown in the console.' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @Field(() => Role, { description: 'The one role of the user.' })
  @IsEnum(Role)
  role!: Role;

  @Field({ description: 'Initial password: at least 12 characters.' })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password!: string;

  @Field(() => String, { nullable: true, description: 'USPS code of the state (STATE_STAFF only).' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'stateCode must be a two-letter USPS code' })
  stateCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Manufacturer id (MANUFACTURER_STAFF only).' })
  @IsOptional()
  @IsUUID('all', { message: 'manufacturerId must be a UUID' })
  manufacturerId?: string | null;
}
