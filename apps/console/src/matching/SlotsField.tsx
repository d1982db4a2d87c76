import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

/** Weekday × time slot pairs as staff say them: 「火曜 午前、木曜 午後」. */
export function SlotsField(props: FieldProps) {
  const value = useFieldValue(props) as Array<{ weekday: string; slot: string }> | undefined;
  const translate = useTranslate();
  if (!value?.length) return <span>{translate('tsunagu.matching.slots_unknown')}</span>;
  return (
    <span>
      {value
        .map((slot) => `${translate(`tsunagu.codes.weekday.${slot.weekday}`, { _: slot.weekday })}曜 ${translate(`tsunagu.codes.timeSlot.${slot.slot}`, { _: slot.slot })}`)
        .join('、')}
    </span>
  );
}

/** Free words (interests, activity tags) joined as staff write them: 「カフェ・料理・ゲーム」. */
export function WordsField(props: FieldProps) {
  const value = useFieldValue(props) as string[] | undefined;
  return <span>{(value ?? []).join('・')}</span>;
}
