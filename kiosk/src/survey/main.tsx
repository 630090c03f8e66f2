/** Entry of the QR survey page (/s/<counter>, /l/<token>). Preact only: this page must stay small. */
import { render } from 'preact';
import { SurveyApp } from './app';
import { parseRoute } from './route';

const root = document.getElementById('app')!;
// Drop the static "loading" placeholder that survey.html shows before this script arrives.
root.textContent = '';
render(<SurveyApp route={parseRoute(location.pathname)} />, root);
