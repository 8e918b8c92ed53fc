import { useEffect, useState } from 'react';
import type { ResponseMap } from '../lib/messaging/protocol';
import { useServices } from './panel-services';
import { useActiveTabUrl } from './use-active-tab-url';

type LinkedInTab = ResponseMap['linkedin.readTab'];

/**
 * What the tab beside the panel offers the New list form (a company page, a Sales Navigator
 * search), as the background reads its address; nothing while it answers or for other pages.
 */
export function useLinkedInTab(): LinkedInTab {
  const { send } = useServices();
  const url = useActiveTabUrl();
  const [tab, setTab] = useState<{ url: string; read: LinkedInTab }>();
  useEffect(() => {
    if (!url) return;
    let live = true;
    send('linkedin.readTab', { url }).then(
      (read) => live && setTab({ url, read }),
      () => live && setTab({ url, read: {} }),
    );
    return () => {
      live = false;
    };
  }, [send, url]);
  return url && tab?.url === url ? tab.read : {};
}
