// Starts the app. Trunk's own loader is an inline <script>, which a strict CSP
// (script-src 'self') forbids, so index.html loads this file instead (Trunk.toml:
// inject_scripts = false, filehash = false keeps the name below stable).
import init from './cofund-web.js';

init();
