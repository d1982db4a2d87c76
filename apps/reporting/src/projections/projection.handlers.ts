import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CaseOpened,
  CaseStatusChanged,
  CaseTrackChanged,
  SupportDecisionMade,
  LeadAgencyAssigned,
  CoordinatorReleased,
  CaseSuspended,
  CaseResumed,
  CaseClosed,
  PlanDrafted,
  PlanUpdated,
  PlanSubmitted,
  PlanApproved,
  PlanActivated,
  PlanSuperseded,
  MeetingScheduled,
  MeetingUpdated,
  MeetingHeld,
  MeetingMinutesFinalised,
  MeetingCancelled,
  ConsultationCancelled,
  ConsultationClosed,
  ConsultationReceived,
  ConsultationScreeningStarted,
  ConsultationTriaged,
  ConsultationUpdated,
  DistrictRegistered,
  DistrictUpdated,
  HouseholdRegistered,
  HouseholdUpdated,
  ReferralAccepted,
  ReferralCompleted,
  ReferralDeclined,
  ReferralFailed,
  ReferralRequested,
  ResourcePublished,
  ResourceRegistered,
  ResourceResumed,
  ResourceRetired,
  ResourceSuspended,
  ResourceUpdated,
  ResourceVerified,
  type CloudEvent,
} from '@tsunagu/contracts';
import { JetStreamContext } from '@tsunagu/platform-messaging';
import { ProjectEventUseCase } from './project-event.usecase';

/**
 * One durable JetStream consumer per subject (the transport's model); every handler delegates to the same
 * use case, which writes through `ctx.em` so the projection and the inbox row commit together.
 */
@Controller()
export class ProjectionHandlers {
  constructor(private readonly project: ProjectEventUseCase) {}

  @EventPattern(ResourceRegistered.subject)
  resourceRegistered(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceRegistered.subject, event, ctx);
  }

  @EventPattern(ResourceUpdated.subject)
  resourceUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceUpdated.subject, event, ctx);
  }

  @EventPattern(ResourcePublished.subject)
  resourcePublished(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourcePublished.subject, event, ctx);
  }

  @EventPattern(ResourceSuspended.subject)
  resourceSuspended(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceSuspended.subject, event, ctx);
  }

  @EventPattern(ResourceResumed.subject)
  resourceResumed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceResumed.subject, event, ctx);
  }

  @EventPattern(ResourceRetired.subject)
  resourceRetired(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceRetired.subject, event, ctx);
  }

  @EventPattern(ResourceVerified.subject)
  resourceVerified(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceVerified.subject, event, ctx);
  }

  @EventPattern(DistrictRegistered.subject)
  districtRegistered(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(DistrictRegistered.subject, event, ctx);
  }

  @EventPattern(DistrictUpdated.subject)
  districtUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(DistrictUpdated.subject, event, ctx);
  }

  @EventPattern(HouseholdRegistered.subject)
  householdRegistered(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(HouseholdRegistered.subject, event, ctx);
  }

  @EventPattern(HouseholdUpdated.subject)
  householdUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(HouseholdUpdated.subject, event, ctx);
  }

  @EventPattern(ConsultationReceived.subject)
  consultationReceived(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationReceived.subject, event, ctx);
  }

  @EventPattern(ConsultationUpdated.subject)
  consultationUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationUpdated.subject, event, ctx);
  }

  @EventPattern(ConsultationScreeningStarted.subject)
  consultationScreeningStarted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationScreeningStarted.subject, event, ctx);
  }

  @EventPattern(ConsultationTriaged.subject)
  consultationTriaged(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationTriaged.subject, event, ctx);
  }

  @EventPattern(ConsultationClosed.subject)
  consultationClosed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationClosed.subject, event, ctx);
  }

  @EventPattern(ConsultationCancelled.subject)
  consultationCancelled(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationCancelled.subject, event, ctx);
  }

  @EventPattern(ReferralRequested.subject)
  referralRequested(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralRequested.subject, event, ctx);
  }

  @EventPattern(ReferralAccepted.subject)
  referralAccepted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralAccepted.subject, event, ctx);
  }

  @EventPattern(ReferralDeclined.subject)
  referralDeclined(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralDeclined.subject, event, ctx);
  }

  @EventPattern(ReferralCompleted.subject)
  referralCompleted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralCompleted.subject, event, ctx);
  }

  @EventPattern(ReferralFailed.subject)
  referralFailed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralFailed.subject, event, ctx);
  }

  @EventPattern(CaseOpened.subject)
  caseOpened(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(CaseOpened.subject, event, ctx);
  }

  @EventPattern(CaseStatusChanged.subject)
  caseStatusChanged(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(CaseStatusChanged.subject, event, ctx);
  }

  @EventPattern(CaseTrackChanged.subject)
  caseTrackChanged(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(CaseTrackChanged.subject, event, ctx);
  }

  @EventPattern(SupportDecisionMade.subject)
  supportDecisionMade(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(SupportDecisionMade.subject, event, ctx);
  }

  @EventPattern(LeadAgencyAssigned.subject)
  leadAgencyAssigned(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(LeadAgencyAssigned.subject, event, ctx);
  }

  @EventPattern(CoordinatorReleased.subject)
  coordinatorReleased(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(CoordinatorReleased.subject, event, ctx);
  }

  @EventPattern(CaseSuspended.subject)
  caseSuspended(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(CaseSuspended.subject, event, ctx);
  }

  @EventPattern(CaseResumed.subject)
  caseResumed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(CaseResumed.subject, event, ctx);
  }

  @EventPattern(CaseClosed.subject)
  caseClosed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(CaseClosed.subject, event, ctx);
  }

  @EventPattern(PlanDrafted.subject)
  planDrafted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(PlanDrafted.subject, event, ctx);
  }

  @EventPattern(PlanUpdated.subject)
  planUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(PlanUpdated.subject, event, ctx);
  }

  @EventPattern(PlanSubmitted.subject)
  planSubmitted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(PlanSubmitted.subject, event, ctx);
  }

  @EventPattern(PlanApproved.subject)
  planApproved(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(PlanApproved.subject, event, ctx);
  }

  @EventPattern(PlanActivated.subject)
  planActivated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(PlanActivated.subject, event, ctx);
  }

  @EventPattern(PlanSuperseded.subject)
  planSuperseded(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(PlanSuperseded.subject, event, ctx);
  }

  @EventPattern(MeetingScheduled.subject)
  meetingScheduled(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(MeetingScheduled.subject, event, ctx);
  }

  @EventPattern(MeetingUpdated.subject)
  meetingUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(MeetingUpdated.subject, event, ctx);
  }

  @EventPattern(MeetingHeld.subject)
  meetingHeld(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(MeetingHeld.subject, event, ctx);
  }

  @EventPattern(MeetingMinutesFinalised.subject)
  meetingMinutesFinalised(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(MeetingMinutesFinalised.subject, event, ctx);
  }

  @EventPattern(MeetingCancelled.subject)
  meetingCancelled(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(MeetingCancelled.subject, event, ctx);
  }
}
