import { render } from 'preact';

/** Placeholder screen until the kiosk issue lands. */
function App() {
  return <main style={{ fontFamily: 'system-ui', padding: '2rem' }}>Hài Lòng kiosk</main>;
}
render(<App />, document.getElementById('app')!);
