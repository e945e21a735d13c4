import { ApiProperty } from '@nestjs/swagger';
import { BrandRef } from '@app/brands';

/** Which brand, in the lists of relationships, contracts and deliverables. */
export class BrandRefView implements BrandRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}
