import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { StaffController } from './staff.controller';
import { GetStaffMemberUseCase, ListStaffUseCase, RecordStaffSignInUseCase } from './staff.usecases';

/** 職員名簿: staff display names for the login subjects records keep (issue 15). */
@Module({
  imports: [AccessModule],
  controllers: [StaffController],
  providers: [RecordStaffSignInUseCase, ListStaffUseCase, GetStaffMemberUseCase],
})
export class StaffModule {}
