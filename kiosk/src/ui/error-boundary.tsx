/**
 * A crashed render must not leave a blank or broken screen on a counter
 * nobody watches: show a calm "restarting" notice and reload the page. The
 * outbox is in IndexedDB and recovered on start, so no rating is lost.
 */
import { Component, type ComponentChildren } from 'preact';
import { messages, DEFAULT_LOCALE } from './i18n';

export const CRASH_RELOAD_MS = 3000;

export class ErrorBoundary extends Component<{ children: ComponentChildren; onCrash: (err: unknown) => void }, { crashed: boolean }> {
  override state = { crashed: false };

  override componentDidCatch(err: unknown): void {
    this.setState({ crashed: true });
    this.props.onCrash(err);
  }

  override render() {
    if (!this.state.crashed) return this.props.children;
    return (
      <div class="kiosk">
        <main data-screen="crashed">
          <div class="notice">
            <h1>{messages(DEFAULT_LOCALE).crashed}</h1>
          </div>
        </main>
      </div>
    );
  }
}
