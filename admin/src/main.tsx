import { render } from 'preact';

/** Placeholder screen until the dashboard issue lands. */
function App() {
  return <main style={{ fontFamily: 'system-ui', padding: '2rem' }}>Hài Lòng admin</main>;
}
render(<App />, document.getElementById('app')!);
