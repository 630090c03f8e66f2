/** The officer page (/officer/): its own small entry, apart from the kiosk's 30 KB bundle. */
import { render } from 'preact';
import { OfficerApp } from './app';
import './officer.css';

render(<OfficerApp />, document.getElementById('app')!);
