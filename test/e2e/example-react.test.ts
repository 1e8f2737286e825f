import { describeExampleApp } from './example-scenario.ts';

// examples/react (Vite + React + TanStack Query) against a real cross-origin Apache.
describeExampleApp('react', 'apache');
