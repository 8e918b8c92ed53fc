import { useLiveQuery } from 'dexie-react-hooks';
import { store } from './context';

export function App() {
  const lists = useLiveQuery(() => store.listLists({ limit: 100 }), []);
  return (
    <main>
      <h1>Listwright</h1>
      <section aria-label="Lists">
        {lists === undefined ? (
          <p>Loading…</p>
        ) : lists.items.length === 0 ? (
          <p>No lists yet.</p>
        ) : (
          <ul>
            {lists.items.map((list) => (
              <li key={list.id}>
                <span>{list.name}</span> <span>{list.contactCount} contacts</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
