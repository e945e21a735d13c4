import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { Brand } from './brand.entity';
import { BrandManager } from './brand-manager.entity';
import { BrandsService } from './brands.service';

@Module({
  imports: [TypeOrmModule.forFeature([Brand, BrandManager]), ActivityModule],
  providers: [BrandsService],
  exports: [BrandsService],
})
export class BrandsModule {}
