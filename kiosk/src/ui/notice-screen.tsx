/** A calm full-screen message (starting, no survey): never an error for a citizen. */
export function NoticeScreen({ title, body, screen }: { title: string; body?: string; screen: string }) {
  return (
    <main data-screen={screen}>
      <div class="notice">
        <h1>{title}</h1>
        {body && <p>{body}</p>}
      </div>
    </main>
  );
}
