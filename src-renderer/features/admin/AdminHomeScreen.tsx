import { Link } from 'wouter';
import { Main } from '../../app/Main';
import { BackupWarning } from '../backups/BackupWarning';
import { useCan } from '../../app/app-state';
import { usePageTitle } from '../../components/PageTitle';

/** The start page for someone without a clinical role: the practice manager's tools. */
export function AdminHomeScreen() {
  usePageTitle('Practice administration');
  const can = useCan();
  const cards = [
    { href: '/staff', title: 'Staff', text: 'Add staff, reset passwords, change roles and deactivate accounts.', allowed: can('staff:manage') },
    { href: '/audit', title: 'Audit trail', text: 'Who viewed or changed which record, and when. Check the trail has not been tampered with.', allowed: can('audit:read') },
    { href: '/settings', title: 'Settings', text: 'How long PlanWell waits before it locks an unattended screen, and when unspent budget money raises a warning.', allowed: can('settings:manage') },
    {
      href: '/settings/guides',
      title: 'Conversation guides',
      text: 'The steps and prompts workers follow in conversations about what matters to someone. Add your own.',
      allowed: can('settings:manage'),
    },
    { href: '/settings/restrictions', title: 'What a budget cannot buy', text: 'The list that flags support a personal health budget cannot pay for.', allowed: can('settings:manage') },
    { href: '/settings/review-rules', title: 'When reviews fall due', text: 'How soon plans and budgets are reviewed after agreement and after each review.', allowed: can('settings:manage') },
    { href: '/settings/backups', title: 'Backups', text: 'Where backups go and how many are kept; back up now, or restore a backup.', allowed: can('settings:manage') },
  ].filter((card) => card.allowed);
  return (
    <Main>
      <h1>Practice administration</h1>
      <BackupWarning />
      <p>Your role does not include seeing patients&apos; records. These are the parts of PlanWell you manage.</p>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {cards.map((card) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={card.href}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" href={card.href}>
                    {card.title}
                  </Link>
                </h2>
                <p className="nhsuk-card__description">{card.text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Main>
  );
}
