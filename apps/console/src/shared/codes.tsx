import {
  AutocompleteArrayInput,
  ChipField,
  ReferenceArrayField,
  ReferenceArrayInput,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SelectArrayInput,
  SelectField,
  SelectInput,
  SingleFieldList,
  useCanAccess,
  useFieldValue,
  useGetIdentity,
  useTranslate,
  type InputProps,
  type FieldProps,
} from 'react-admin';
import { Chip, Stack } from '@mui/material';
import { codeChoices } from '../i18n/codes';

/** A select over one of the contracts' code tables (Japanese labels via i18n). */
export function CodeSelectInput({ table, only, ...props }: InputProps & { table: string; only?: readonly string[] }) {
  const choices = codeChoices(table);
  return <SelectInput choices={only ? choices.filter((choice) => only.includes(choice.id)) : choices} {...props} />;
}

export function CodeSelectArrayInput({ table, ...props }: InputProps & { table: string }) {
  return <SelectArrayInput choices={codeChoices(table)} {...props} />;
}

/** Numeric code tables (layers 1/2/3): ids stay numbers, as the API expects. */
export function LayerSelectInput({ table, layers, ...props }: InputProps & { table: string; layers: readonly number[] }) {
  return <SelectInput choices={layers.map((layer) => ({ id: layer, name: `tsunagu.codes.${table}.${layer}` }))} {...props} />;
}

export function CodeField({ table, ...props }: FieldProps & { table: string }) {
  return <SelectField choices={codeChoices(table)} {...props} />;
}

export function LayerField({ table, ...props }: FieldProps & { table: string }) {
  const value = useFieldValue(props);
  const translate = useTranslate();
  return <span>{value === undefined || value === null ? '' : translate(`tsunagu.codes.${table}.${String(value)}`, { _: String(value) })}</span>;
}

/** An array of codes as chips. */
export function CodeArrayField({ table, ...props }: FieldProps & { table: string }) {
  const value = useFieldValue(props) as string[] | undefined;
  const translate = useTranslate();
  if (!value?.length) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }} component="span">
      {value.map((code) => (
        <Chip key={code} size="small" label={translate(`tsunagu.codes.${table}.${code}`, { _: code })} />
      ))}
    </Stack>
  );
}

const STATUS_COLOURS: Record<string, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  preparing: 'info',
  active: 'success',
  suspended: 'warning',
  retired: 'default',
  established: 'success',
};

export function StatusField({ table, ...props }: FieldProps & { table: string }) {
  const value = useFieldValue(props) as string | undefined;
  const translate = useTranslate();
  if (!value) return null;
  return <Chip size="small" variant="outlined" color={STATUS_COLOURS[value] ?? 'default'} label={translate(`tsunagu.codes.${table}.${value}`, { _: value })} />;
}

export function DistrictsInput(props: Partial<InputProps> & { source?: string }) {
  return (
    <ReferenceArrayInput source={props.source ?? 'districtIds'} reference="districts" perPage={100} sort={{ field: 'sortOrder', order: 'ASC' }}>
      <AutocompleteArrayInput optionText="shortName" label={props.label} validate={props.validate} filterToQuery={(q: string) => ({ q })} />
    </ReferenceArrayInput>
  );
}

export function DistrictInput(props: Partial<InputProps> & { source?: string }) {
  return (
    <ReferenceInput source={props.source ?? 'districtId'} reference="districts" perPage={100} sort={{ field: 'sortOrder', order: 'ASC' }}>
      <AutocompleteInput optionText="shortName" label={props.label} validate={props.validate} filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
  );
}

/**
 * An organisation picked by name or kana: the registry filters on the server (`q`), so every organisation is found by
 * typing, not only the first page. `ownDesk`: a new record starts at the signed-in user's desk (the `agency` claim, or
 * the city's desk for city staff).
 */
export function OrganizationInput({ ownDesk, ...props }: Partial<InputProps> & { source: string; ownDesk?: boolean }) {
  const { identity } = useGetIdentity();
  return (
    <ReferenceInput source={props.source} reference="organizations" perPage={25} sort={{ field: 'kana', order: 'ASC' }}>
      <AutocompleteInput
        optionText="name"
        label={props.label}
        validate={props.validate}
        readOnly={props.readOnly}
        helperText={props.helperText}
        defaultValue={ownDesk && typeof identity?.desk === 'string' ? identity.desk : undefined}
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>
  );
}

export function DistrictsField(props: FieldProps & { source?: string }) {
  return (
    <ReferenceArrayField source={props.source ?? 'districtIds'} reference="districts" label={props.label}>
      <SingleFieldList linkType={false}>
        <ChipField source="shortName" size="small" />
      </SingleFieldList>
    </ReferenceArrayField>
  );
}

export function DistrictField(props: FieldProps & { source?: string }) {
  return <ReferenceField source={props.source ?? 'districtId'} reference="districts" label={props.label} link={false} />;
}

export function OrganizationField(props: FieldProps & { source: string }) {
  return <ReferenceField source={props.source} reference="organizations" label={props.label} link="show" />;
}

/**
 * Whether the user's roles may read a resource: an agency reading a case must not fetch the household, the
 * person or the plans (the API answers 403, which would send it to the explanation page), so those fields are
 * left out of the layout altogether.
 */
export function useCanRead(resource: string): boolean {
  return useCanAccess({ resource, action: 'show' }).canAccess === true;
}
