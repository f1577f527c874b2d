import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference.module';
import { ReferenceLoaders } from './reference.loaders';
import { ManufacturerFieldsResolver, ProductFieldsResolver, ReferenceResolver } from './reference.resolver';

/** The GraphQL face of reference data; only apps/api (and other domains' GraphQL modules) import it. */
@Module({
  imports: [ReferenceModule],
  providers: [ReferenceLoaders, ReferenceResolver, ManufacturerFieldsResolver, ProductFieldsResolver],
  exports: [ReferenceLoaders],
})
export class ReferenceGraphqlModule {}
