import { describeExampleApp } from './example-scenario.ts';

// examples/angular (a standalone component, a signal-based service, zoneless) against a real
// cross-origin SabreDAV. Each value the page shows is a signal set from a davkit result: the listing
// rendering at all is Angular's change detection seeing those results.
describeExampleApp('angular', 'sabredav');
