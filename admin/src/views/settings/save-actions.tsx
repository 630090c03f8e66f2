/**
 * The row under each settings form: save (disabled, and saying so, while the
 * request runs) and undo back to what was last saved. Both forms on the
 * settings screen end with it, so they look and behave alike.
 */
export function SaveActions(props: { saving: boolean; save: string; savingLabel: string; reset: string; onReset: () => void }) {
  return (
    <div class="settings-actions">
      <button type="submit" class="btn" disabled={props.saving}>
        {props.saving ? props.savingLabel : props.save}
      </button>
      <button type="button" class="btn btn-secondary" onClick={props.onReset}>
        {props.reset}
      </button>
    </div>
  );
}
