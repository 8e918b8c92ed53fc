import { useEffect, useState } from 'react';
import { useServices } from './panel-services';

/**
 * The URL of the tab beside the panel, kept current as the person switches tabs or navigates.
 * Chrome reveals it only for hosts the extension may access (linkedin.com), which is all the
 * panel needs; other pages read as `undefined`.
 */
export function useActiveTabUrl(): string | undefined {
  const { readActiveTabUrl, watchActiveTab } = useServices();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    const read = () => {
      readActiveTabUrl().then(
        (next) => live && setUrl(next),
        () => live && setUrl(undefined),
      );
    };
    read();
    const stop = watchActiveTab(read);
    return () => {
      live = false;
      stop();
    };
  }, [readActiveTabUrl, watchActiveTab]);
  return url;
}
