/** The structure screen's parts speak with the app's formats and the screen's own words (`v`). */
import { useViewSpeech, type ViewSpeech } from '../../i18n';
import { structureMessages, type StructureMessages } from './messages';

export type StructureSpeech = ViewSpeech<StructureMessages>;
export const useStructureSpeech = (): StructureSpeech => useViewSpeech(structureMessages);
