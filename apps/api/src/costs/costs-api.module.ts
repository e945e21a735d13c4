import { Module } from '@nestjs/common';
import { CostsModule } from '@app/costs';
import { CostsController } from './costs.controller';

@Module({ imports: [CostsModule], controllers: [CostsController] })
export class CostsApiModule {}
