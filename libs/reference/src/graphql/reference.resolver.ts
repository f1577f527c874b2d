import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Allow,
  Clock,
  connectionFromArray,
  CurrentActor,
  DateScalar,
  mapConnection,
  notFound,
  PageArgs,
  Role,
  type Actor,
  type ConnectionShape,
  type GraphqlContext,
} from '@lib/common';
import { JurisdictionsService } from '../jurisdictions.service';
import { legalNameOn, ManufacturersService } from '../manufacturers.service';
import { ProductsService } from '../products.service';
import {
  AddLabelerCodeInput,
  AddManufacturerNameInput,
  AddProductHcpcsInput,
  AddProductNdcInput,
  CreateManufacturerInput,
  CreateProductInput,
  ManufacturerFilterInput,
  JurisdictionFilterArgs,
  ProductFilterArgs,
  UpdateJurisdictionInput,
  UpdateProductHcpcsInput,
  UpdateProductInput,
  UpdateProductNdcInput,
} from './reference.inputs';
import { ReferenceLoaders } from './reference.loaders';
import {
  JurisdictionConnection,
  JurisdictionModel,
  ManufacturerConnection,
  ManufacturerModel,
  ManufacturerNameConnection,
  ManufacturerNameModel,
  ProductConnection,
  ProductHcpcsConnection,
  ProductHcpcsModel,
  ProductModel,
  ProductNdcConnection,
  ProductNdcModel,
  toJurisdictionModel,
  toManufacturerModel,
  toManufacturerNameModel,
  toProductHcpcsModel,
  toProductModel,
  toProductNdcModel,
} from './reference.model';

const EVERY_ROLE = Object.values(Role);

/** Reference data reads for every signed-in role (public facts); edits for coordinators only. */
@Resolver()
export class ReferenceResolver {
  constructor(
    private readonly jurisdictionsService: JurisdictionsService,
    private readonly manufacturersService: ManufacturersService,
    private readonly productsService: ProductsService,
  ) {}

  @Allow(...EVERY_ROLE)
  @Query(() => JurisdictionConnection, { description: 'States, DC and territories, by USPS code.' })
  async jurisdictions(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args() filter: JurisdictionFilterArgs,
  ): Promise<ConnectionShape<JurisdictionModel>> {
    return mapConnection(await this.jurisdictionsService.listJurisdictions(actor, filter, page), toJurisdictionModel);
  }

  @Allow(...EVERY_ROLE)
  @Query(() => JurisdictionModel, {
    description: 'One jurisdiction by USPS code ("NY"), FIPS code ("36") or alternate T-MSIS code ("97").',
  })
  async jurisdiction(@Args('code') code: string): Promise<JurisdictionModel> {
    const found = await this.jurisdictionsService.findJurisdiction(code);
    if (!found) throw notFound('Jurisdiction', code);
    return toJurisdictionModel(found);
  }

  @Allow(...EVERY_ROLE)
  @Query(() => ManufacturerConnection, { description: 'Manufacturers with their names and labeler codes.' })
  async manufacturers(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: ManufacturerFilterInput,
  ): Promise<ConnectionShape<ManufacturerModel>> {
    return mapConnection(
      await this.manufacturersService.listManufacturers(actor, page, filter ?? {}),
      toManufacturerModel,
    );
  }

  @Allow(...EVERY_ROLE)
  @Query(() => ProductConnection, { description: 'Products with their NDCs and HCPCS codes, by code.' })
  async products(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args() filter: ProductFilterArgs,
  ): Promise<ConnectionShape<ProductModel>> {
    return mapConnection(await this.productsService.listProducts(actor, filter, page), toProductModel);
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => JurisdictionModel, { description: 'Rename a jurisdiction (coordinators only).' })
  async updateJurisdiction(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateJurisdictionInput,
  ): Promise<JurisdictionModel> {
    return toJurisdictionModel(
      await this.jurisdictionsService.updateJurisdictionName(actor, input.uspsCode, input.name),
    );
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ManufacturerModel, { description: 'Add a manufacturer (coordinators only).' })
  async createManufacturer(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateManufacturerInput,
  ): Promise<ManufacturerModel> {
    return toManufacturerModel(await this.manufacturersService.createManufacturer(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ManufacturerNameModel, {
    description: 'Add a legal name effective from a date; the previous name ends the day before (coordinators only).',
  })
  async addManufacturerName(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddManufacturerNameInput,
  ): Promise<ManufacturerNameModel> {
    return toManufacturerNameModel(await this.manufacturersService.addManufacturerName(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ManufacturerModel, { description: 'Add a labeler code to a manufacturer (coordinators only).' })
  async addLabelerCode(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddLabelerCodeInput,
  ): Promise<ManufacturerModel> {
    await this.manufacturersService.addLabelerCode(actor, input.manufacturerId, input.code);
    return { id: input.manufacturerId };
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ProductModel, { description: 'Add a product (coordinators only).' })
  async createProduct(@CurrentActor() actor: Actor, @Args('input') input: CreateProductInput): Promise<ProductModel> {
    return toProductModel(await this.productsService.createProduct(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ProductModel, { description: 'Edit a product (coordinators only).' })
  async updateProduct(@CurrentActor() actor: Actor, @Args('input') input: UpdateProductInput): Promise<ProductModel> {
    return toProductModel(await this.productsService.updateProduct(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ProductNdcModel, { description: 'Add an NDC to a product (coordinators only).' })
  async addProductNdc(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddProductNdcInput,
  ): Promise<ProductNdcModel> {
    return toProductNdcModel(await this.productsService.addProductNdc(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ProductNdcModel, { description: 'Edit an NDC of a product (coordinators only).' })
  async updateProductNdc(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateProductNdcInput,
  ): Promise<ProductNdcModel> {
    return toProductNdcModel(await this.productsService.updateProductNdc(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ProductHcpcsModel, { description: 'Add an HCPCS code to a product (coordinators only).' })
  async addProductHcpcs(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddProductHcpcsInput,
  ): Promise<ProductHcpcsModel> {
    return toProductHcpcsModel(await this.productsService.addProductHcpcs(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ProductHcpcsModel, { description: "Set or clear an HCPCS code's last day (coordinators only)." })
  async updateProductHcpcs(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateProductHcpcsInput,
  ): Promise<ProductHcpcsModel> {
    return toProductHcpcsModel(
      await this.productsService.setProductHcpcsEnd(actor, input.id, input.effectiveTo ?? null),
    );
  }
}

@Resolver(() => ManufacturerModel)
export class ManufacturerFieldsResolver {
  constructor(
    private readonly loaders: ReferenceLoaders,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => String, {
    nullable: true,
    description: 'The legal name in force on `asOf` (default: today).',
  })
  async legalName(
    @Parent() manufacturer: ManufacturerModel,
    @Context() ctx: GraphqlContext,
    @Args('asOf', { type: () => DateScalar, nullable: true, description: 'The date; default today.' }) asOf?: string,
  ): Promise<string | null> {
    const names = await this.loaders.manufacturerNames(ctx).load(manufacturer.id);
    return legalNameOn(names, asOf ?? this.clock.today());
  }

  @ResolveField(() => ManufacturerNameConnection, { description: 'Every legal name, oldest first.' })
  async names(
    @Parent() manufacturer: ManufacturerModel,
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<ManufacturerNameModel>> {
    const names = await this.loaders.manufacturerNames(ctx).load(manufacturer.id);
    return mapConnection(
      connectionFromArray(names, page, (n) => [n.effectiveFrom]),
      toManufacturerNameModel,
    );
  }

  @ResolveField(() => [String], { description: 'Labeler codes of the manufacturer.' })
  async labelerCodes(@Parent() manufacturer: ManufacturerModel, @Context() ctx: GraphqlContext): Promise<string[]> {
    return (await this.loaders.labelerCodes(ctx).load(manufacturer.id)).map((l) => l.code);
  }
}

@Resolver(() => ProductModel)
export class ProductFieldsResolver {
  constructor(private readonly loaders: ReferenceLoaders) {}

  @ResolveField(() => ManufacturerModel, { description: 'The manufacturer of the product.' })
  async manufacturer(@Parent() product: ProductModel, @Context() ctx: GraphqlContext): Promise<ManufacturerModel> {
    const found = await this.loaders.manufacturer(ctx).load(product.manufacturerId);
    if (!found) throw notFound('Manufacturer', product.manufacturerId);
    return toManufacturerModel(found);
  }

  @ResolveField(() => ProductNdcConnection, { description: 'NDCs of the product (package and inner), by NDC-11.' })
  async ndcs(
    @Parent() product: ProductModel,
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<ProductNdcModel>> {
    const ndcs = await this.loaders.ndcs(ctx).load(product.id);
    return mapConnection(
      connectionFromArray(ndcs, page, (n) => [n.ndc11]),
      toProductNdcModel,
    );
  }

  @ResolveField(() => ProductHcpcsConnection, { description: 'HCPCS codes of the product over time.' })
  async hcpcsCodes(
    @Parent() product: ProductModel,
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<ProductHcpcsModel>> {
    const codes = await this.loaders.hcpcs(ctx).load(product.id);
    return mapConnection(
      connectionFromArray(codes, page, (h) => [h.id]),
      toProductHcpcsModel,
    );
  }
}
