import { BooleanInput, NumberInput, required, TextInput, useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import { CodeSelectArrayInput, CodeSelectInput, DistrictsInput, OrganizationInput } from '../shared/codes';

/** The fields of a community resource, shared by create and edit (STYLE practice 19). */
export function CommunityResourceInputs() {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', maxWidth: 720 }}>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="kana" fullWidth />
      <CodeSelectInput source="category" table="resourceCategory" validate={required()} />
      <CodeSelectInput source="insuranceScheme" table="insuranceScheme" validate={required()} />
      <DistrictsInput validate={required()} />
      <OrganizationInput source="organizationId" />
      <CodeSelectArrayInput source="activities" table="resourceActivity" />
      <CodeSelectInput source="eligibility" table="resourceEligibility" />
      <Typography component="h2" variant="subtitle1" sx={{ mt: 2 }}>
        {translate('resources.community-resources.fields.schedule')}
      </Typography>
      <CodeSelectInput source="schedule.frequency" table="scheduleFrequency" />
      <CodeSelectArrayInput source="schedule.weekdays" table="weekday" />
      <TextInput source="schedule.opensAt" />
      <TextInput source="schedule.closesAt" />
      <TextInput source="schedule.note" fullWidth />
      <NumberInput source="capacity" min={0} />
      <TextInput source="fee" />
      <TextInput source="contact.phone" />
      <TextInput source="contact.email" />
      <TextInput source="contact.address" fullWidth />
      <TextInput source="description" multiline minRows={3} fullWidth />
      <BooleanInput source="public" />
    </Box>
  );
}
