import { Module } from '@nestjs/common';
import { PayoutStatementEmail } from './payout-statement.email';
import { PayoutStatements } from './payout-statement';

/** Statements and their emails: raw reads only, so the worker binds the email without the rest of payouts. */
@Module({ providers: [PayoutStatements, PayoutStatementEmail], exports: [PayoutStatements, PayoutStatementEmail] })
export class PayoutStatementsModule {}
