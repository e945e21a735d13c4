import { Module } from '@nestjs/common';
import { DeliverablesModule } from '@app/deliverables';
import { DeliverablesController } from './deliverables.controller';

@Module({ imports: [DeliverablesModule], controllers: [DeliverablesController] })
export class DeliverablesApiModule {}
