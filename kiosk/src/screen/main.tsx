/** The public waiting-room screen (/screen/<code>): its own small entry of the kiosk build. */
import { render } from 'preact';
import { ScreenApp } from './app';
import './screen.css';

render(<ScreenApp />, document.getElementById('app')!);
