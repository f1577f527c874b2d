import { Module } from '@nestjs/common';
import { CgtCatalogReader } from './cgt-catalog.reader';
import { TypeOrmModule } from '@nestjs/typeorm';
import { REFERENCE_ENTITIES } from './reference.entities';
import { ReferenceService } from './reference.service';

@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_ENTITIES)],
  providers: [ReferenceService, CgtCatalogReader],
  exports: [ReferenceService, CgtCatalogReader],
})
export class ReferenceModule {}
