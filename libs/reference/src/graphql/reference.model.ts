import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, DateScalar } from '@lib/common';
import type {
  JurisdictionEntity,
  ManufacturerEntity,
  ManufacturerNameEntity,
  ProductEntity,
  ProductHcpcsEntity,
  ProductNdcEntity,
} from '../reference.entities';

@ObjectType('Jurisdiction', { description: 'A state, the District of Columbia or a territory.' })
export class JurisdictionModel {
  @Field({ description: 'Two-letter USPS code (used by MDRP and statements), e.g. "NY".' })
  uspsCode!: string;

  @Field({ description: 'Two-digit FIPS code (carried by T-MSIS files), e.g. "36".' })
  fipsCode!: string;

  @Field({ description: 'Name of the jurisdiction.' })
  name!: string;

  @Field({ description: 'state, district or territory.' })
  kind!: string;

  @Field(() => [String], { description: 'Alternate T-MSIS submitter codes that also mean this jurisdiction.' })
  alternateSubmitterCodes!: string[];

  @Field({ description: 'True when the jurisdiction takes part in the CGT Access Model.' })
  cgtParticipant!: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'Publicly known model start date, when known.' })
  cgtStartDateKnown!: string | null;
}

export function toJurisdictionModel(j: JurisdictionEntity): JurisdictionModel {
  return {
    uspsCode: j.uspsCode,
    fipsCode: j.fipsCode,
    name: j.name,
    kind: j.kind,
    alternateSubmitterCodes: j.alternateSubmitterCodes,
    cgtParticipant: j.cgtParticipant,
    cgtStartDateKnown: j.cgtStartDateKnown,
  };
}

@ObjectType('ManufacturerName', { description: 'A legal name of a manufacturer over a date range.' })
export class ManufacturerNameModel {
  @Field({ description: 'The legal name.' })
  legalName!: string;

  @Field(() => DateScalar, { description: 'First day the name is in force.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the name is in force; null while current.' })
  effectiveTo!: string | null;
}

export function toManufacturerNameModel(n: ManufacturerNameEntity): ManufacturerNameModel {
  return { legalName: n.legalName, effectiveFrom: n.effectiveFrom, effectiveTo: n.effectiveTo };
}

@ObjectType('Manufacturer', {
  description: 'A drug manufacturer, keyed on its labeler codes (legal names change over time).',
})
export class ManufacturerModel {
  @Field(() => ID, { description: 'Stable id of the manufacturer.' })
  id!: string;
}

export function toManufacturerModel(m: ManufacturerEntity): ManufacturerModel {
  return { id: m.id };
}

@ObjectType('ProductNdc', { description: 'A National Drug Code of a product.' })
export class ProductNdcModel {
  @Field({ description: 'The NDC normalised to 11 digits (5-4-2), e.g. "51167029009".' })
  ndc11!: string;

  @Field({ description: 'The NDC as printed on the label, e.g. "51167-290-09".' })
  ndcAsLabeled!: string;

  @Field({ description: 'PACKAGE (what is sold) or INNER (e.g. a vial inside the carton).' })
  packageLevel!: string;

  @Field(() => String, { nullable: true, description: 'What the package is, e.g. "carton of 9 vials".' })
  description!: string | null;
}

export function toProductNdcModel(n: ProductNdcEntity): ProductNdcModel {
  return { ndc11: n.ndc11, ndcAsLabeled: n.ndcAsLabeled, packageLevel: n.packageLevel, description: n.description };
}

@ObjectType('ProductHcpcs', { description: 'An HCPCS billing code of a product over a date range.' })
export class ProductHcpcsModel {
  @Field(() => ID, { description: 'Id of this code assignment.' })
  id!: string;

  @Field({ description: 'The HCPCS code, e.g. "J3392".' })
  hcpcsCode!: string;

  @Field(() => DateScalar, { description: 'First day the code applies.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the code applies; null while open.' })
  effectiveTo!: string | null;
}

export function toProductHcpcsModel(h: ProductHcpcsEntity): ProductHcpcsModel {
  return { id: h.id, hcpcsCode: h.hcpcsCode, effectiveFrom: h.effectiveFrom, effectiveTo: h.effectiveTo };
}

@ObjectType('Product', { description: 'A gene therapy covered by the model.' })
export class ProductModel {
  @Field(() => ID, { description: 'Stable id of the product.' })
  id!: string;

  @Field({ description: 'Short upper-case code, e.g. "CASGEVY".' })
  code!: string;

  @Field({ description: 'Brand name.' })
  brandName!: string;

  @Field({ description: 'Generic (non-proprietary) name.' })
  genericName!: string;

  @Field(() => ID, { description: 'Id of the manufacturer.' })
  manufacturerId!: string;

  @Field({ description: 'Labeler code of the product NDCs.' })
  labelerCode!: string;

  @Field({ description: 'Billing unit (NCPDP unit of measure, e.g. UN).' })
  billingUnit!: string;

  @Field({ description: 'True when a patient can receive the product only once in a lifetime.' })
  oneTreatmentPerLifetime!: boolean;
}

export function toProductModel(p: ProductEntity): ProductModel {
  return {
    id: p.id,
    code: p.code,
    brandName: p.brandName,
    genericName: p.genericName,
    manufacturerId: p.manufacturerId,
    labelerCode: p.labelerCode,
    billingUnit: p.billingUnit,
    oneTreatmentPerLifetime: p.oneTreatmentPerLifetime,
  };
}

export const JurisdictionConnection = Connection(JurisdictionModel, 'Jurisdiction');
export const ManufacturerConnection = Connection(ManufacturerModel, 'Manufacturer');
export const ProductConnection = Connection(ProductModel, 'Product');
export const ManufacturerNameConnection = Connection(ManufacturerNameModel, 'ManufacturerName');
export const ProductNdcConnection = Connection(ProductNdcModel, 'ProductNdc');
export const ProductHcpcsConnection = Connection(ProductHcpcsModel, 'ProductHcpcs');
