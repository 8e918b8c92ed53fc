import { useState, type CSSProperties } from 'react';
import { toSafeAvatarUrl } from '../lib/model/safe-urls';
import { hueOf, initialsOf } from './format';

/**
 * A contact's photo when it comes from LinkedIn's media hosts, else their initials. Stored
 * photo URLs expire, so a failed load falls back to the initials too.
 */
export function Avatar({ name, url }: { name: string; url: string | undefined }) {
  const [failed, setFailed] = useState(false);
  const src = failed ? undefined : toSafeAvatarUrl(url);
  if (src) {
    return (
      <img
        className="avatar"
        src={src}
        alt=""
        width={36}
        height={36}
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className="avatar avatar-initials" aria-hidden="true" style={{ '--hue': hueOf(name) } as CSSProperties}>
      {initialsOf(name)}
    </span>
  );
}
