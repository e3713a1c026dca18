export * from './classify';
export * from './cursor';
export * from './time';
export * from './hold';
