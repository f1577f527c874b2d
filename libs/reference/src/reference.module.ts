import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CgtCatalogReader } from './cgt-catalog.reader';
import { JurisdictionsService } from './jurisdictions.service';
import { ManufacturersService } from './manufacturers.service';
import { ProductsService } from './products.service';
import { REFERENCE_ENTITIES } from './reference.entities';
import { ReferenceWriter } from './reference-writer';

/** Reference data, one service per aggregate (jurisdictions, manufacturers, products). */
@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_ENTITIES)],
  providers: [JurisdictionsService, ManufacturersService, ProductsService, ReferenceWriter, CgtCatalogReader],
  exports: [JurisdictionsService, ManufacturersService, ProductsService, CgtCatalogReader],
})
export class ReferenceModule {}
