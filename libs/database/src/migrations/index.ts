import { InitialSchema1795626600000 } from './1795626600000-InitialSchema';
import { ContractLifecycleDetails1795630500000 } from './1795630500000-ContractLifecycleDetails';
import { ActivityLogStatementOrder1795630600000 } from './1795630600000-ActivityLogStatementOrder';
import { NotificationSendClaims1795630800000 } from './1795630800000-NotificationSendClaims';
import { ReminderScanIndexes1795630900000 } from './1795630900000-ReminderScanIndexes';
import { RollupStatsDetail1795631000000 } from './1795631000000-RollupStatsDetail';
import { AuditLogIndexes1795631300000 } from './1795631300000-AuditLogIndexes';
import { CostAccrualIndexes1795631500000 } from './1795631500000-CostAccrualIndexes';
import { RelationshipMonthlyStats1795631700000 } from './1795631700000-RelationshipMonthlyStats';
import { NotificationAudience1795631800000 } from './1795631800000-NotificationAudience';
import { NotificationAudienceRequired1795631900000 } from './1795631900000-NotificationAudienceRequired';
import { MonthlyStatsNetUpdate1795632000000 } from './1795632000000-MonthlyStatsNetUpdate';
import { ConversionVoids1795632200000 } from './1795632200000-ConversionVoids';
import { ReportLinks1795632400000 } from './1795632400000-ReportLinks';
import { MemberInvitations1795632700000 } from './1795632700000-MemberInvitations';
import { ActorChangeNotify1795641000000 } from './1795641000000-ActorChangeNotify';
import { BrowserSessions1795642000000 } from './1795642000000-BrowserSessions';
import { DomainEventsAndWebhooks1795643000000 } from './1795643000000-DomainEventsAndWebhooks';
import { Payouts1795644000000 } from './1795644000000-Payouts';
import { AmbassadorPortal1795645000000 } from './1795645000000-AmbassadorPortal';
import { WebhookEndpointDisabledNotice1795647000000 } from './1795647000000-WebhookEndpointDisabledNotice';
import { PayoutEntriesLean1795648000000 } from './1795648000000-PayoutEntriesLean';
import { PartitionedLedger1795649000000 } from './1795649000000-PartitionedLedger';
import { SessionChangeNotify1795650000000 } from './1795650000000-SessionChangeNotify';
import { MonthlyStatsSkipEmptied1795650100000 } from './1795650100000-MonthlyStatsSkipEmptied';
import { PayoutSpans1795652000000 } from './1795652000000-PayoutSpans';
import { QuarterlyReportSummary1795654000000 } from './1795654000000-QuarterlyReportSummary';
import { ConversionClaimInInsert1795655000000 } from './1795655000000-ConversionClaimInInsert';
import { PayoutSpansUnanchored1795657000000 } from './1795657000000-PayoutSpansUnanchored';
import { RollupHotUpdates1795660000000 } from './1795660000000-RollupHotUpdates';
import { WebhookDeliveriesHotClaim1795663000000 } from './1795663000000-WebhookDeliveriesHotClaim';
import { WebhookDeliveriesLighterWrites1795664000000 } from './1795664000000-WebhookDeliveriesLighterWrites';
import { RollupDeliverablesByDay1795666000000 } from './1795666000000-RollupDeliverablesByDay';
import { MonthlyStatsNetWithoutJoin1795667000000 } from './1795667000000-MonthlyStatsNetWithoutJoin';

/** Listed explicitly so the built apps and tests run the same set, in order, without glob loading. */
export const migrations = [
  InitialSchema1795626600000,
  ContractLifecycleDetails1795630500000,
  ActivityLogStatementOrder1795630600000,
  NotificationSendClaims1795630800000,
  ReminderScanIndexes1795630900000,
  RollupStatsDetail1795631000000,
  AuditLogIndexes1795631300000,
  CostAccrualIndexes1795631500000,
  RelationshipMonthlyStats1795631700000,
  NotificationAudience1795631800000,
  NotificationAudienceRequired1795631900000,
  MonthlyStatsNetUpdate1795632000000,
  ConversionVoids1795632200000,
  ReportLinks1795632400000,
  MemberInvitations1795632700000,
  ActorChangeNotify1795641000000,
  BrowserSessions1795642000000,
  DomainEventsAndWebhooks1795643000000,
  Payouts1795644000000,
  AmbassadorPortal1795645000000,
  WebhookEndpointDisabledNotice1795647000000,
  PayoutEntriesLean1795648000000,
  PartitionedLedger1795649000000,
  SessionChangeNotify1795650000000,
  MonthlyStatsSkipEmptied1795650100000,
  PayoutSpans1795652000000,
  QuarterlyReportSummary1795654000000,
  ConversionClaimInInsert1795655000000,
  PayoutSpansUnanchored1795657000000,
  RollupHotUpdates1795660000000,
  WebhookDeliveriesHotClaim1795663000000,
  WebhookDeliveriesLighterWrites1795664000000,
  RollupDeliverablesByDay1795666000000,
  MonthlyStatsNetWithoutJoin1795667000000,
];
