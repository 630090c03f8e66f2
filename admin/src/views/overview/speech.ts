/** The overview's parts speak with the app's formats and the overview's own words (`v`). */
import { useViewSpeech, type ViewSpeech } from '../../i18n';
import { overviewMessages, type OverviewMessages } from './messages';

export type OverviewSpeech = ViewSpeech<OverviewMessages>;
export const useOverviewSpeech = (): OverviewSpeech => useViewSpeech(overviewMessages);
