export * from './ndc';
