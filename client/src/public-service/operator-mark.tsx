// The operating agency in the header, beside the product's name: its logo (named for screen readers)
// or, without one, its name. Nothing while the answer is on its way, and nothing when the service
// runs under the product's own name.
import { useI18n } from '../i18n/i18n.tsx';
import { useOperator } from './use-operator.ts';

export function OperatorMark() {
  const { t } = useI18n();
  const operator = useOperator().data;
  if (!operator || (operator.name === 'Dialogforum' && !operator.logoUrl)) return null;
  const label = t('footer.operatedBy', { operator: operator.name });
  return (
    <p className="operator-mark">
      {operator.logoUrl ? <img src={operator.logoUrl} alt={label} className="operator-logo" /> : label}
    </p>
  );
}
