import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScopedRepository } from '@app/database';
import { Deliverable } from './entities/deliverable.entity';

/** One scoped repository shared by the deliverable services instead of one built in each constructor. */
@Injectable()
export class DeliverableRepository extends ScopedRepository<Deliverable> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, Deliverable, 'Deliverable');
  }
}
