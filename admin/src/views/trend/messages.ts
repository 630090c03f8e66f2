/** The trend screen's words, Vietnamese first, English typed from it. */
const vi = {
  trend: {
    title: 'Xu hướng tỷ lệ hài lòng',
    bucket: 'Theo',
    buckets: { day: 'Ngày', week: 'Tuần', month: 'Tháng' },
    chartLabel: 'Biểu đồ tỷ lệ hài lòng theo {bucket}, so với mục tiêu {target}',
    rate: 'Tỷ lệ hài lòng',
    band: 'Khoảng tin cậy 95%',
    target: 'Mục tiêu {target}',
    showTable: 'Xem bảng số liệu',
    period: 'Kỳ',
    weekOf: 'Tuần từ {day}',
    n: 'Số lượt (n)',
    interval: 'Khoảng tin cậy 95%',
    noData: 'Không có đánh giá',
    tooltip: '{rate} (n = {n}; KTC 95%: {low} – {high})',
    withheld: 'Chưa đủ số đánh giá tối thiểu (n = {n} < {min})',
    withheldAll: 'Không hiện tỷ lệ của cán bộ này: mỗi kỳ đều có dưới {min} đánh giá, để không ai bị đánh giá qua quá ít ý kiến.',
    withheldNote: 'Kỳ nào có dưới {min} đánh giá của cán bộ này thì không hiện tỷ lệ (chỗ trống trên biểu đồ), để không ai bị đánh giá qua quá ít ý kiến.',
    empty: 'Không có đánh giá nào trong kỳ và phạm vi này.',
    failed: 'Không tải được số liệu.',
    retry: 'Thử lại',
    loading: 'Đang tải…',
    compare: {
      now: 'Kỳ này',
      previous: 'Kỳ trước',
      lastYear: 'Cùng kỳ năm trước',
      change: 'kỳ này {sign}{value} điểm %',
      noChange: 'không so được (thiếu số liệu)',
    },
  },
};

export type TrendMessages = typeof vi;

const en: TrendMessages = {
  trend: {
    title: 'Satisfaction trend',
    bucket: 'By',
    buckets: { day: 'Day', week: 'Week', month: 'Month' },
    chartLabel: 'Chart of the satisfaction rate by {bucket}, against the {target} target',
    rate: 'Satisfaction rate',
    band: '95% interval',
    target: 'Target {target}',
    showTable: 'Show the figures as a table',
    period: 'Period',
    weekOf: 'Week of {day}',
    n: 'Ratings (n)',
    interval: '95% interval',
    noData: 'No ratings',
    tooltip: '{rate} (n = {n}; 95% CI: {low} – {high})',
    withheld: 'Fewer ratings than the minimum (n = {n} < {min})',
    withheldAll: 'No rate is shown for this officer: every period has fewer than {min} ratings, so nobody is judged on too few answers.',
    withheldNote: 'Periods with fewer than {min} ratings of this officer show no rate (a gap in the chart), so nobody is judged on too few answers.',
    empty: 'No ratings in this period and scope.',
    failed: 'Could not load the figures.',
    retry: 'Try again',
    loading: 'Loading…',
    compare: {
      now: 'This period',
      previous: 'Previous period',
      lastYear: 'Same period last year',
      change: 'this period {sign}{value} pts',
      noChange: 'cannot compare (no figures)',
    },
  },
};

export const trendMessages = { vi, en };
