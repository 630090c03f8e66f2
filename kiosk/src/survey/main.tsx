import { render } from 'preact';

/** Placeholder until the QR survey issue lands. */
render(<main>Khảo sát</main>, document.getElementById('app')!);
