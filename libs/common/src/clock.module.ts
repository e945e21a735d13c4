import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** Both apps import it once; tests override Clock with a FixedClock. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
