/**
 * The office's structure: units, counters (with opening hours), officers
 * and procedures (with the CSV import), one tab each, the tab in the
 * address (#/structure?tab=counters). A unit head sees and changes their
 * own unit's counters and officers; the server enforces it.
 */
import './styles.css';
import { useAppStore } from '../../store';
import type { ViewProps } from '../view';
import { useStructureSpeech } from './speech';
import { UnitsTab } from './parts/units';
import { CountersTab } from './parts/counters';
import { OfficersTab } from './parts/officers';
import { ProceduresTab } from './parts/procedures';

const TABS = ['units', 'counters', 'officers', 'procedures'] as const;
type Tab = (typeof TABS)[number];

export default function StructureView({ user, params, setParams }: ViewProps) {
  const { v } = useStructureSpeech();
  const store = useAppStore();
  const tab: Tab = (TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as Tab) : 'counters';
  const go = (t: Tab) => setParams({ tab: t }, { replace: true });
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    go(next);
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return (
    <div class="structure">
      <div class="tabs" role="tablist" aria-label={v.structure.tabsLabel} onKeyDown={onKey}>
        {TABS.map((t) => (
          <button key={t} id={`tab-${t}`} type="button" role="tab" aria-selected={t === tab} aria-controls="structure-panel" tabIndex={t === tab ? 0 : -1} onClick={() => go(t)}>
            {v.structure.tabs[t]}
          </button>
        ))}
      </div>
      <div id="structure-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'units' && <UnitsTab key="units" user={user} onChanged={store.reload} />}
        {tab === 'counters' && <CountersTab key="counters" />}
        {tab === 'officers' && <OfficersTab key="officers" />}
        {tab === 'procedures' && <ProceduresTab key="procedures" user={user} />}
      </div>
    </div>
  );
}
