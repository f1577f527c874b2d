import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { DateScalar } from '@lib/common';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const BILLING_UNITS = ['EA', 'UN', 'ML', 'F2', 'GR', 'ME'];
const PACKAGE_LEVELS = ['PACKAGE', 'INNER'] as const;

@ArgsType()
export class JurisdictionFilterArgs {
  @Field({ nullable: true, description: 'Only jurisdictions taking part in the CGT Access Model.' })
  @IsOptional()
  @IsBoolean()
  participantsOnly?: boolean;
}

@InputType({ description: 'Filters for manufacturers; all optional, combined with AND.' })
export class ManufacturerFilterInput {
  @Field({ nullable: true, description: 'Only the manufacturer holding this five-digit labeler code.' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'labelerCode must be five digits' })
  labelerCode?: string;
}

@ArgsType()
export class ProductFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only products of this manufacturer.' })
  @IsOptional()
  @IsUUID()
  manufacturerId?: string;
}

@InputType({ description: 'Rename a jurisdiction (coordinators only).' })
export class UpdateJurisdictionInput {
  @Field({ description: 'USPS code of the jurisdiction.' })
  @Matches(/^[A-Z]{2}$/, { message: 'uspsCode must be a two-letter USPS code' })
  uspsCode!: string;

  @Field({ description: 'The new name.' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

@InputType({ description: 'A new manufacturer with its first legal name and labeler code.' })
export class CreateManufacturerInput {
  @Field({ description: 'Legal name.' })
  @IsString()
  @Length(1, 300)
  legalName!: string;

  @Field(() => DateScalar, { description: 'First day the legal name is in force.' })
  @Matches(ISO_DATE)
  effectiveFrom!: string;

  @Field({ description: 'Five-digit FDA labeler code.' })
  @Matches(/^\d{5}$/, { message: 'labelerCode must be five digits' })
  labelerCode!: string;
}

@InputType({ description: 'A new legal name from a date; the current name ends the day before.' })
export class AddManufacturerNameInput {
  @Field(() => ID, { description: 'The manufacturer.' })
  @IsUUID()
  manufacturerId!: string;

  @Field({ description: 'The new legal name.' })
  @IsString()
  @Length(1, 300)
  legalName!: string;

  @Field(() => DateScalar, { description: 'First day the new name is in force.' })
  @Matches(ISO_DATE)
  effectiveFrom!: string;

  @Field(() => String, { nullable: true, description: 'Why (kept in the audit trail).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

@InputType({ description: 'Another labeler code of a manufacturer.' })
export class AddLabelerCodeInput {
  @Field(() => ID, { description: 'The manufacturer.' })
  @IsUUID()
  manufacturerId!: string;

  @Field({ description: 'Five-digit FDA labeler code.' })
  @Matches(/^\d{5}$/, { message: 'code must be five digits' })
  code!: string;
}

@InputType({ description: 'A new product.' })
export class CreateProductInput {
  @Field({ description: 'Short upper-case code, e.g. "CASGEVY".' })
  @Matches(/^[A-Z0-9_]{2,40}$/, { message: 'code must be 2-40 upper-case letters, digits or _' })
  code!: string;

  @Field({ description: 'Brand name.' })
  @IsString()
  @Length(1, 200)
  brandName!: string;

  @Field({ description: 'Generic name.' })
  @IsString()
  @Length(1, 300)
  genericName!: string;

  @Field({ description: 'Labeler code of its NDCs (decides the manufacturer).' })
  @Matches(/^\d{5}$/, { message: 'labelerCode must be five digits' })
  labelerCode!: string;

  @Field({ description: 'Billing unit: EA, UN, ML, F2, GR or ME.' })
  @IsIn(BILLING_UNITS)
  billingUnit!: string;

  @Field({ description: 'One treatment per lifetime.' })
  @IsBoolean()
  oneTreatmentPerLifetime!: boolean;
}

@InputType({ description: 'Changes to a product; omitted fields stay as they are.' })
export class UpdateProductInput {
  @Field(() => ID, { description: 'The product.' })
  @IsUUID()
  productId!: string;

  @Field({ nullable: true, description: 'Brand name.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  brandName?: string;

  @Field({ nullable: true, description: 'Generic name.' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  genericName?: string;

  @Field({ nullable: true, description: 'Billing unit: EA, UN, ML, F2, GR or ME.' })
  @IsOptional()
  @IsIn(BILLING_UNITS)
  billingUnit?: string;

  @Field({ nullable: true, description: 'One treatment per lifetime.' })
  @IsOptional()
  @IsBoolean()
  oneTreatmentPerLifetime?: boolean;
}

@InputType({ description: 'A new NDC of a product.' })
export class AddProductNdcInput {
  @Field(() => ID, { description: 'The product.' })
  @IsUUID()
  productId!: string;

  @Field({ description: 'The NDC as labeled (hyphenated) or as 11 digits.' })
  @IsString()
  @MaxLength(20)
  ndc!: string;

  @Field({ description: 'PACKAGE or INNER.' })
  @IsIn(PACKAGE_LEVELS)
  packageLevel!: 'PACKAGE' | 'INNER';

  @Field(() => String, { nullable: true, description: 'What the package is.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string | null;
}

@InputType({ description: 'Changes to an NDC; omitted fields stay as they are.' })
export class UpdateProductNdcInput {
  @Field({ description: 'The NDC (as labeled or 11 digits).' })
  @IsString()
  @MaxLength(20)
  ndc!: string;

  @Field({ nullable: true, description: 'PACKAGE or INNER.' })
  @IsOptional()
  @IsIn(PACKAGE_LEVELS)
  packageLevel?: 'PACKAGE' | 'INNER';

  @Field(() => String, { nullable: true, description: 'What the package is.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string | null;
}

@InputType({ description: 'An HCPCS code of a product over a date range.' })
export class AddProductHcpcsInput {
  @Field(() => ID, { description: 'The product.' })
  @IsUUID()
  productId!: string;

  @Field({ description: 'Five-character HCPCS code, e.g. "J3392".' })
  @Matches(/^[A-Z0-9]{5}$/, { message: 'hcpcsCode must be five upper-case letters or digits' })
  hcpcsCode!: string;

  @Field(() => DateScalar, { description: 'First day the code applies.' })
  @Matches(ISO_DATE)
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the code applies; omit while open.' })
  @IsOptional()
  @Matches(ISO_DATE)
  effectiveTo?: string | null;
}

@InputType({ description: 'Set (or clear) the last day of an HCPCS code assignment.' })
export class UpdateProductHcpcsInput {
  @Field(() => ID, { description: 'The code assignment.' })
  @IsUUID()
  id!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the code applies; null re-opens it.' })
  @IsOptional()
  @Matches(ISO_DATE)
  effectiveTo?: string | null;
}
