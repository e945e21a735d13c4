import { Module } from '@nestjs/common';
import { PayeePayouts } from './payee-payouts';
import { PayoutStatementEmail } from './payout-statement.email';
import { PayoutStatements } from './payout-statement';

const providers = [PayoutStatements, PayoutStatementEmail, PayeePayouts];

/** Statements, their emails and the payee's own list: raw reads only, so the worker and the portal bind them without the rest of payouts. */
@Module({ providers, exports: providers })
export class PayoutStatementsModule {}
