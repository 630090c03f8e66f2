/** The newest comments, live: score, counter, officer, channel, time, and the citizen's words. */
import type { FeedItem } from '../../../types';
import { useFilterOptions } from '../../../ui/filter-bar';
import type { OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';

export function CommentFeed({ st }: { st: OverviewState }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  // Officer names as GET /officers gives them to this user (the server decides who sees whom).
  const officers = new Map((useFilterOptions()?.officers ?? []).map((o) => [o.id, o.name]));
  return (
    <section class="card feed" aria-labelledby="feed-title" data-testid="feed">
      <h2 id="feed-title" class="card-title">
        {v.feed.title}
      </h2>
      {st.feed.length === 0 ? (
        <p class="muted">{v.feed.empty}</p>
      ) : (
        <ol class="feed-list" aria-live="polite" aria-relevant="additions">
          {st.feed.map((f) => (
            <FeedEntry key={f.id} item={f} st={st} officer={f.officerId ? (officers.get(f.officerId) ?? null) : null} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FeedEntry({ item: f, st, officer }: { item: FeedItem; st: OverviewState; officer: string | null }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
  const sp = st.counters.get(f.servicePointId)?.servicePoint;
  const score = f.overall;
  return (
    <li class="feed-item" data-testid="feed-item" data-id={f.id}>
      <div class="feed-head">
        {score !== null ? (
          <span class={`score-chip score-${score}`} title={v.feed.scale[String(score) as '1']}>
            {s.fill(v.feed.score, { n: score })} · {v.feed.scale[String(score) as '1']}
          </span>
        ) : (
          <span class="score-chip">{v.feed.noScore}</span>
        )}
        <time class="muted small" dateTime={f.serverTime}>
          {s.when(f.serverTime, st.cal.today)}
        </time>
      </div>
      <blockquote class="feed-text" lang={f.locale}>
        {f.comment}
      </blockquote>
      <p class="muted small">
        {sp ? s.local(sp.name) : f.servicePointId}
        {/* An officer this user cannot look up is left out rather than called "none". */}
        {(officer || !f.officerId) && <span data-testid="feed-officer">{` · ${officer ? s.fill(v.feed.officer, { name: officer }) : v.feed.noOfficer}`}</span>}
        {` · ${v.feed.channel[f.channel]}`}
        {!f.verified && ` · ${v.feed.unverified}`}
      </p>
    </li>
  );
}
