/** Display pieces for secrets: the expiry badge (a mark and words, not only a colour) and the scope. */
import type { SecretScope } from '../api/types';
import { expiryOf, expiryText, formatScope } from '../lib/secrets';
import { Badge, type Tone } from './Bits';

const EXPIRY: Record<string, { tone: Tone; mark: string }> = {
  expired: { tone: 'bad', mark: '✕' },
  soon: { tone: 'warn', mark: '!' },
  ok: { tone: 'ok', mark: '✓' },
  none: { tone: 'neutral', mark: '–' },
};

export function ExpiryBadge({ expires, now }: { expires: string | null | undefined; now?: number }) {
  const e = expiryOf(expires, now);
  const look = EXPIRY[e.status];
  return (
    <Badge tone={look.tone} title={expires ? `Expires ${new Date(expires).toISOString()}` : 'This value carries no expiry'}>
      <span aria-hidden="true" className="state-mark">
        {look.mark}
      </span>{' '}
      {expiryText(e)}
    </Badge>
  );
}

export function ScopeLabel({ scope }: { scope: SecretScope }) {
  return <code className="wrap">{formatScope(scope)}</code>;
}
