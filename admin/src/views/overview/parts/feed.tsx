/** The newest comments, live: score, counter, channel, time, and the citizen's words. */
import type { FeedItem } from '../../../types';
import type { OverviewState } from '../model';
import { useOverviewSpeech } from '../speech';

export function CommentFeed({ st }: { st: OverviewState }) {
  const s = useOverviewSpeech();
  const { m, v } = s;
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
            <FeedEntry key={f.id} item={f} st={st} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FeedEntry({ item: f, st }: { item: FeedItem; st: OverviewState }) {
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
        {sp ? s.local(sp.name) : f.servicePointId} · {v.feed.channel[f.channel]}
        {!f.verified && ` · ${v.feed.unverified}`}
      </p>
    </li>
  );
}
