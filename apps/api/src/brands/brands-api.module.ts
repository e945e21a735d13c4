import { Module } from '@nestjs/common';
import { BrandsModule } from '@app/brands';
import { BrandsController } from './brands.controller';

@Module({ imports: [BrandsModule], controllers: [BrandsController] })
export class BrandsApiModule {}
