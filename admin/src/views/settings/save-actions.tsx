/**
 * The row under each settings form: save (disabled, and saying so, while the
 * request runs) and undo back to what was last saved. Both forms on the
 * settings screen end with it, so they look and behave alike.
 */
import { useViewSpeech } from '../../i18n';
import { settingsMessages } from './messages';

/** `save`: the form's own save label; `onUndo`: put the form back as last saved. */
export function SaveActions({ saving, save, onUndo }: { saving: boolean; save: string; onUndo: () => void }) {
  const { v } = useViewSpeech(settingsMessages);
  return (
    <div class="settings-actions">
      <button type="submit" class="btn" disabled={saving}>
        {saving ? v.settings.saving : save}
      </button>
      <button type="button" class="btn btn-secondary" onClick={onUndo}>
        {v.settings.reset}
      </button>
    </div>
  );
}
