import { TextInput, type TextInputProps } from 'react-admin';

/**
 * The list's text search with a visible label (react-admin's SearchInput has only a placeholder, which
 * is not a label for screen readers). The services fold half-width/full-width and hiragana/katakana.
 */
export function QInput(props: Partial<TextInputProps> & { alwaysOn?: boolean }) {
  const { alwaysOn, ...rest } = props;
  void alwaysOn; // read by react-admin's filter form from the element, not an input prop
  return <TextInput {...rest} source="q" label="tsunagu.search" />;
}
