import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A state, DC or territory: USPS code (statements), FIPS code (T-MSIS files) and alternates. */
@Entity('jurisdiction')
export class JurisdictionEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  uspsCode!: string;

  @Column({ type: 'char', length: 2 })
  fipsCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: 'state' | 'district' | 'territory';

  @Column({ type: 'text', array: true })
  alternateSubmitterCodes!: string[];

  @Column({ type: 'boolean' })
  cgtParticipant!: boolean;

  @Column({ type: 'date', nullable: true })
  cgtStartDateKnown!: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('manufacturer')
export class ManufacturerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A legal name in force over [effectiveFrom, effectiveTo] (names change; labeler codes do not). */
@Entity('manufacturer_name')
export class ManufacturerNameEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  manufacturerId!: string;

  @Column({ type: 'text' })
  legalName!: string;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date', nullable: true })
  effectiveTo!: string | null;
}

@Entity('labeler_code')
export class LabelerCodeEntity {
  @PrimaryColumn({ type: 'char', length: 5 })
  code!: string;

  @Column({ type: 'uuid' })
  manufacturerId!: string;
}

@Entity('product')
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  brandName!: string;

  @Column({ type: 'text' })
  genericName!: string;

  @Column({ type: 'uuid' })
  manufacturerId!: string;

  @Column({ type: 'char', length: 5 })
  labelerCode!: string;

  @Column({ type: 'text' })
  billingUnit!: string;

  @Column({ type: 'boolean' })
  oneTreatmentPerLifetime!: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

@Entity('product_ndc')
export class ProductNdcEntity {
  @PrimaryColumn({ type: 'char', length: 11 })
  ndc11!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  ndcAsLabeled!: string;

  @Column({ type: 'text' })
  packageLevel!: 'PACKAGE' | 'INNER';

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}

@Entity('product_hcpcs')
export class ProductHcpcsEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  hcpcsCode!: string;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date', nullable: true })
  effectiveTo!: string | null;
}

export const REFERENCE_ENTITIES = [
  JurisdictionEntity,
  ManufacturerEntity,
  ManufacturerNameEntity,
  LabelerCodeEntity,
  ProductEntity,
  ProductNdcEntity,
  ProductHcpcsEntity,
];
