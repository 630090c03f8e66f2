/**
 * A row's small trend: the rate per bucket as a line against the target, in
 * an SVG that screen readers skip; its text alternative (first and last rate
 * with their buckets, how many buckets) is real text, visually hidden.
 */
export interface SparkPoint {
  bucket: string;
  n: number;
  rate: number | null;
}

const W = 96;
const H = 28;

export function Sparkline({ points, target, label, testId }: { points: readonly SparkPoint[]; target: number; label: string; testId?: string }) {
  const step = points.length > 1 ? W / (points.length - 1) : 0;
  const y = (r: number) => H - 2 - r * (H - 4);
  const segments: string[] = [];
  let cur = '';
  points.forEach((p, i) => {
    if (p.rate === null) {
      if (cur) segments.push(cur);
      cur = '';
      return;
    }
    cur += `${cur ? 'L' : 'M'}${(i * step).toFixed(1)},${y(p.rate).toFixed(1)}`;
  });
  if (cur) segments.push(cur);
  // A lone point has no line to sit on; the last point with data is marked too, as where the row stands now.
  const lastWithData = points.reduce((at, p, i) => (p.rate !== null ? i : at), -1);
  const dots = points
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => p.rate !== null && (i === lastWithData || ((points[i - 1]?.rate ?? null) === null && (points[i + 1]?.rate ?? null) === null)));
  return (
    <span class="sparkline" data-testid={testId}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        <line class="spark-target" x1="0" x2={W} y1={y(target)} y2={y(target)} />
        {segments.map((d) => (
          <path key={d} class="spark-line" d={d} />
        ))}
        {dots.map(({ p, i }) => (
          <circle key={i} class="spark-dot" cx={i * step} cy={y(p.rate!)} r="2.5" />
        ))}
      </svg>
      <span class="visually-hidden">{label}</span>
    </span>
  );
}
